// Prints, after every run, which tiers ran and which the machine could not run, so a skipped tier
// is never silent; and the counts as one plain line ("tests: N passed, N failed") that CI reads.
interface RunResults {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
}

export default class TierReporter {
  onRunComplete(_contexts: unknown, results: RunResults): void {
    const ran = process.env['ACKPROOF_TIERS_RUN'] ?? '';
    const missing = process.env['ACKPROOF_TIERS_MISSING'] ?? '';
    process.stderr.write(`\nackproof tiers run: ${ran || '(none)'}\n`);
    if (missing) process.stderr.write(`ackproof tiers NOT run on this machine:\n  ${missing.split('\n').join('\n  ')}\n`);
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
