// When is a black-box receiver ready? When GET <base>/ackproof/v1/ready answers 200 (the launch
// contract: it answers so once it consumes its queue and serves the read-back). Until then it is
// asked again every POLL_MS, within a bound. If it never gets there, the message says which of
// the three it was — it exited (how, and what it printed), it never answered at all, or it
// answered something else — because that is what the vendor has to fix.
import { READY_PATH } from '../../providers/case-system/read-back-server.ts';
import type { Clock } from '../time/clock.ts';
import type { LaunchedReceiver } from './receiver-launcher.ts';

const POLL_MS = 100;
const ASK_TIMEOUT_MS = 2_000;

export interface ReadinessOptions {
  readonly baseUrl: string;
  readonly launched: LaunchedReceiver;
  /** What to call it in a message: `cmd:/usr/bin/python3 examples/…`. */
  readonly name: string;
  readonly clock: Clock;
  readonly timeoutMs: number;
}

/** Resolves once ready; rejects with a message saying what went wrong. Does not kill it. */
export async function waitUntilReady(options: ReadinessOptions): Promise<void> {
  const url = `${options.baseUrl}${READY_PATH}`;
  const deadline = performance.now() + options.timeoutMs;
  let exitedHow: string | undefined;
  void options.launched.exited.then((how) => {
    exitedHow = how;
  });
  let last: string;
  for (;;) {
    if (exitedHow !== undefined) {
      throw new Error(`${options.name} (${options.launched.description}) exited (${exitedHow}) before it was ready.${printed(options.launched)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
      const body = await response.text().catch(() => '');
      if (response.status === 200) return;
      last = `it last answered ${response.status}${body === '' ? '' : ` ${JSON.stringify(body.slice(0, 200))}`}`;
    } catch (error) {
      last = `it never answered (last try: ${fetchFailure(error)})`;
    }
    if (performance.now() >= deadline) {
      throw new Error(
        `${options.name} (${options.launched.description}) was not ready within ${Math.round(options.timeoutMs / 1000)} s: GET ${url} must answer 200 once it consumes its queue; ${last}.${printed(options.launched)}`,
      );
    }
    await options.clock.sleep(POLL_MS);
  }
}

/** fetch fails with "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
export function fetchFailure(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== null) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (cause as { errors?: unknown[] }).errors?.[0];
    if (inner !== undefined) return fetchFailure({ cause: inner });
    if (cause instanceof Error || typeof (cause as { message?: unknown }).message === 'string') return (cause as { message: string }).message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What it printed last, for a message: ` Its last output:\n    …` or ` It printed nothing.` */
export function printed(launched: LaunchedReceiver): string {
  const output = launched.output().trim();
  return output === '' ? ' It printed nothing.' : ` Its last output:\n${output.split('\n').map((line) => `    ${line}`).join('\n')}`;
}
