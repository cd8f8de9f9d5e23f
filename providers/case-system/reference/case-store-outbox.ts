// The receipt outbox, read by whoever sends receipts: a receipt is queued in the same transaction
// that stores the report, so "mottatt" can never go out for a report that was not committed, and a
// crash after the commit leaves the receipt waiting here instead of lost.
import type { Queryable } from '../../../harness/environments/database/index.ts';
import type { ReceiptType } from '../../../contracts/message-types.ts';
import type { ReceiptToSend } from './case-store-steps.ts';

export interface PendingReceipt extends ReceiptToSend {
  readonly id: number;
  readonly createdAt: Date;
}

interface OutboxRow {
  id: number;
  svar_til: string;
  mottaker_konto_id: string;
  meldingstype: ReceiptType;
  body: Uint8Array;
  created_at: Date;
}

const OUTBOX_COLUMNS = 'id, svar_til, mottaker_konto_id, meldingstype, body, created_at';

/** Receipts not yet sent, oldest first. */
export async function pendingReceipts(db: Queryable): Promise<PendingReceipt[]> {
  const rows = await db.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM kvittering_utboks WHERE sent_at IS NULL ORDER BY id`);
  return rows.map(pendingReceiptOf);
}

/** One receipt of the outbox if it is not sent yet: what a receiver sends right after its commit (the whole outbox is for a sweep). */
export async function pendingReceipt(db: Queryable, outboxId: number): Promise<PendingReceipt | undefined> {
  const [row] = await db.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM kvittering_utboks WHERE id = $1 AND sent_at IS NULL`, [outboxId]);
  return row === undefined ? undefined : pendingReceiptOf(row);
}

function pendingReceiptOf(row: OutboxRow): PendingReceipt {
  return {
    id: row.id,
    svarTil: row.svar_til,
    mottakerKontoId: row.mottaker_konto_id,
    meldingstype: row.meldingstype,
    body: row.body,
    createdAt: row.created_at,
  };
}

/** Marks a receipt sent; false when it was already marked or does not exist. */
export async function markReceiptSent(db: Queryable, outboxId: number, now: Date): Promise<boolean> {
  const marked = await db.query('UPDATE kvittering_utboks SET sent_at = $2 WHERE id = $1 AND sent_at IS NULL RETURNING id', [outboxId, now]);
  return marked.length === 1;
}
