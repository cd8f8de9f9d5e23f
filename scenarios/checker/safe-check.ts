// A checker that crashes has found nothing: its run is unknown, never false (that would blame the
// system under test for the harness's bug) and never true. The error is kept as data, so the
// report shows what broke.
import type { CheckResult } from './check-result.ts';
import { emptyVerdictCounts, emptyVerdictLists } from './verdicts.ts';

export function safeCheck(check: () => CheckResult, label = 'checker'): CheckResult {
  try {
    return check();
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return {
      valid: 'unknown',
      reasons: [`${label} crashed, so the run has no verdict: ${error.message}`],
      counts: emptyVerdictCounts(),
      reports: emptyVerdictLists(),
      misattributedReceipts: [],
      unreadableReceipts: [],
      faults: [],
      operations: { ok: 0, fail: 0, unknown: 0 },
      events: 0,
      perReport: {},
      error: { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) },
    };
  }
}
