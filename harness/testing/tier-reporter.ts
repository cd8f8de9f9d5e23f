// Prints, after every run, which tiers ran and which the machine could not run, so a skipped tier
// is never silent.
export default class TierReporter {
  onRunComplete(): void {
    const ran = process.env['ACKPROOF_TIERS_RUN'] ?? '';
    const missing = process.env['ACKPROOF_TIERS_MISSING'] ?? '';
    process.stderr.write(`\nackproof tiers run: ${ran || '(none)'}\n`);
    if (missing) process.stderr.write(`ackproof tiers NOT run on this machine:\n  ${missing.split('\n').join('\n  ')}\n`);
  }
}
