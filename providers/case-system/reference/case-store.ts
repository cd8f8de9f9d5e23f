// The reference case system's store: the receiver that does everything right. One report is stored
// in ONE transaction — inbox row keyed by bekymringsmelding-id, the case, the mottatt receipt in the
// outbox — and only after that commits may the receiver send the receipt and ack the delivery.
// A redelivery, or a resend under a new melding-id, finds the inbox row: no second case, but the
// receipt for that melding-id is queued so the portal still gets its answer.
//
// Time always comes from the caller (`now`): the harness runs on a virtual clock.
import type { Database } from '../../../harness/environments/database/index.ts';
import type { ParsedReport } from '../report-message-parser.ts';
import { type CaseStoreSteps, mottattFor, referenceSteps } from './case-store-steps.ts';

export { migrate } from './case-store-schema.ts';
export { type CaseRecord, type CaseStoreSteps, type ReceiptToSend, mottattFor, referenceSteps, sha256Hex } from './case-store-steps.ts';
export { type PendingReceipt, markReceiptSent, pendingReceipt, pendingReceipts } from './case-store-outbox.ts';
export { type VisibleCase, type VisibleCaseFilter, caseworkerInbox, readBack, readBackFrom, storedContent, visibleCases } from './case-store-visible-cases.ts';

export interface StoreResult {
  /** stored: a new case; already-stored: the inbox had this bekymringsmelding-id, no case was added. */
  readonly outcome: 'stored' | 'already-stored';
  /** The outbox row whose receipt answers this delivery's melding-id. */
  readonly outboxId: number;
}

export function storeReport(db: Database, parsed: ParsedReport, now: Date, steps: CaseStoreSteps = referenceSteps): Promise<StoreResult> {
  return db.transaction(async (tx) => {
    const isNew = await steps.claimInbox(tx, parsed, now);
    if (isNew) await steps.insertCase(tx, steps.caseRecord(parsed), now);
    const outboxId = await steps.enqueueReceipt(tx, mottattFor(parsed), now);
    return { outcome: isNew ? 'stored' : 'already-stored', outboxId };
  });
}
