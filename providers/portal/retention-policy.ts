// When may the portal delete its copy of a report the case system said it received?
// - days-after-mottatt: a fixed number of days after mottatt, trusting the receipt. KS's policy,
//   14 days from 2020 to 2023 (when a fake mottatt made 63 reports vanish for good) and 30 days
//   since. However long the wait, a receipt that lies still loses the report.
// - read-back-confirmed: the safe one. After mottatt (+checkAfterMs) the portal asks the case
//   system's read-back API what it holds, and purges only when it holds exactly what was sent
//   (read-back-judgement.ts). Not found or different: an alarm, and the copy stays for
//   reconciliation. An answer that cannot be trusted (ReadBackError): retried retryAfterMs later.
import type { ReadBackClient } from './read-back-client.ts';

export type RetentionPolicy =
  | { readonly kind: 'days-after-mottatt'; readonly days: number }
  | {
      readonly kind: 'read-back-confirmed';
      readonly readBack: ReadBackClient;
      /** Wait after mottatt before the first read-back; 0 (the next tick) unless told. */
      readonly checkAfterMs?: number;
      /** Wait after a read-back that could not be trusted; 10 minutes unless told. */
      readonly retryAfterMs?: number;
    };

export const DAY_MS = 86_400_000;

/** KS's retention from September 2020 to 2023: the policy under which 63 reports were lost. */
export const KS_RETENTION_2020_TO_2023 = { kind: 'days-after-mottatt', days: 14 } as const satisfies RetentionPolicy;
/** KS's retention since 2023. */
export const KS_RETENTION_SINCE_2023 = { kind: 'days-after-mottatt', days: 30 } as const satisfies RetentionPolicy;

// A correct receiver says mottatt only after its commit, so a read-back right away must already
// find the report; waiting longer only delays the alarm.
export const DEFAULT_CHECK_AFTER_MS = 0;
export const DEFAULT_RETRY_AFTER_MS = 10 * 60 * 1000;

export function readBackPolicy(readBack: ReadBackClient, options: { checkAfterMs?: number; retryAfterMs?: number } = {}): RetentionPolicy {
  return { kind: 'read-back-confirmed', readBack, ...options };
}

/** How long after mottatt retention first has work for the report. */
export function firstRetentionDelayMs(policy: RetentionPolicy): number {
  return policy.kind === 'days-after-mottatt' ? policy.days * DAY_MS : (policy.checkAfterMs ?? DEFAULT_CHECK_AFTER_MS);
}

export function checkRetentionPolicy(policy: RetentionPolicy): void {
  const nonNegative = (name: string, value: number | undefined): void => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`createPortal: retention.${name} must be a finite number ≥ 0, got ${String(value)}`);
    }
  };
  switch (policy.kind) {
    case 'days-after-mottatt':
      nonNegative('days', policy.days ?? Number.NaN);
      return;
    case 'read-back-confirmed':
      if (typeof policy.readBack?.read !== 'function') throw new TypeError('createPortal: retention.readBack must be a ReadBackClient (an object with read(id))');
      nonNegative('checkAfterMs', policy.checkAfterMs);
      nonNegative('retryAfterMs', policy.retryAfterMs);
      return;
    default:
      throw new TypeError(`createPortal: unknown retention kind ${JSON.stringify((policy as { kind?: unknown }).kind)}; use 'days-after-mottatt' or 'read-back-confirmed'`);
  }
}
