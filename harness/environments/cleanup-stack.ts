// What an environment opened, to be closed in reverse order — on close(), and when opening fails
// half-way, so a run that cannot start leaves nothing behind either. Every step runs even when an
// earlier one failed; the failures are reported together, each with what it was closing.

export interface CleanupStack {
  push(what: string, close: () => Promise<void>): void;
  /** Runs every step once, last pushed first; rejects after all ran if any failed. Idempotent. */
  closeAll(): Promise<void>;
}

export function createCleanupStack(caller: string): CleanupStack {
  const steps: { readonly what: string; readonly close: () => Promise<void> }[] = [];
  let closing: Promise<void> | undefined;
  return {
    push(what, close) {
      if (closing !== undefined) throw new Error(`${caller}: cannot register ${what} after close() began; close it yourself`);
      steps.push({ what, close });
    },
    closeAll() {
      closing ??= (async () => {
        const failures: string[] = [];
        for (const step of steps.toReversed()) {
          try {
            await step.close();
          } catch (error) {
            failures.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        if (failures.length > 0) {
          throw new Error(`${caller}: closing the environment left things behind or failed:\n  ${failures.join('\n  ')}`);
        }
      })();
      return closing;
    },
  };
}
