// What the checker says about one report (DESIGN.md, "History and checker"): exactly one primary
// verdict each, plus flags for everything else that holds.

/** Primary verdicts, in the order a failing report is named: the worst failure first. */
export const VERDICTS = ['lost', 'misattributed', 'duplicated', 'misrouted', 'wrongly-refused', 'unanswered', 'refused', 'recovered', 'undelivered', 'ok', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A report with one of these fails the run (and certification). */
export const FAILING_VERDICTS = ['lost', 'misattributed', 'duplicated', 'misrouted', 'wrongly-refused', 'unanswered'] as const;
export type FailingVerdict = (typeof FAILING_VERDICTS)[number];

/**
 * Failing verdicts that nothing later can repair: a run that did not finish is still failed by them.
 * An unanswered report, by contrast, may yet be answered (unfinished, it is no answer); a
 * wrongly-refused one is final, because the portal posts a report answered feilet and never sends
 * it again.
 */
export const FINAL_FAILING_VERDICTS = ['lost', 'misattributed', 'duplicated', 'misrouted', 'wrongly-refused'] as const;

export function isFailingVerdict(verdict: Verdict): verdict is FailingVerdict {
  return (FAILING_VERDICTS as readonly string[]).includes(verdict);
}

/**
 * Flags: a failing condition that holds besides the primary verdict, or a fact worth seeing in the
 * timeline that judges nothing by itself.
 */
export type ReportFlag =
  | FailingVerdict
  /** Sent more than once (more than one melding-id). */
  | 'resent'
  /** The broker delivered one of its melding-ids more than once. */
  | 'redelivered'
  /** More than one receipt from the case system (redeliveries answered again, or a receipt redelivered to the portal). */
  | 'duplicate-receipts'
  /** Both mottatt and feilet arrived for it. */
  | 'mottatt-and-feilet'
  /** Fiks IO itself answered (tidsavbrudd, serverfeil). */
  | 'platform-receipt'
  | 'nacked'
  | 'dead-lettered'
  /** Answered feilet, yet the case system holds a copy. */
  | 'stored-after-feilet'
  /** A feilet for it came while a fault excused refusing it (refusal-excuses.ts). */
  | 'refusal-excused'
  /** Some melding-id of it was answered more often than the broker delivered it. */
  | 'answered-beyond-deliveries'
  /** Visible to the right municipality/district and to others besides. */
  | 'visible-to-others';

export function emptyVerdictCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
}

export function emptyVerdictLists(): Record<Verdict, string[]> {
  return Object.fromEntries(VERDICTS.map((verdict) => [verdict, []])) as unknown as Record<Verdict, string[]>;
}
