// The checker's public API: judge a run's history (Jepsen's method), merge validities, and keep a
// crashing checker from deciding anything.
export { type CheckOptions, checkHistory } from './check-history.ts';
export type { CheckResult, CheckerError, FaultEvidence, MisattributedReceipt, ReadBackEvidence, ReceiptEvidence, ReportEvidence, UnreadableReceipt } from './check-result.ts';
export { safeCheck } from './safe-check.ts';
export { type Validity, mergeValidity } from './validity.ts';
export { type FailingVerdict, type ReportFlag, type Verdict, FAILING_VERDICTS, FINAL_FAILING_VERDICTS, VERDICTS, isFailingVerdict } from './verdicts.ts';
export { hasEvidence } from './fault-evidence.ts';
