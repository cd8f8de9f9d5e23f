// handleReceipt(): what an answer on the portal's account does to the report it answers. The
// receipt row (keyed by the receipt's own melding-id) and any state change commit together, so a
// redelivered receipt finds its row and changes nothing, and a crash between the two cannot leave
// a state change without the receipt that caused it. LEVERT is final: a later receipt is recorded
// and ignored.
import type { IncomingMessage } from '../case-system/report-message-parser.ts';
import { type PortalContext, emitAll, nowDate } from './portal-context.ts';
import type { PortalEvent, ReceiptIgnoredReason, ReceiptKind } from './portal-events.ts';
import { lockReportState } from './portal-rows.ts';
import { type PortalState, type TransitionCause, isFinalState } from './portal-states.ts';
import { type StateChange, changeState } from './portal-transitions.ts';
import { readReceipt } from './receipt-reader.ts';
import { firstRetentionDelayMs } from './retention-policy.ts';

export type ReceiptHandling =
  | { readonly outcome: 'applied'; readonly bekymringsmeldingId: string; readonly kind: ReceiptKind; readonly changes: readonly StateChange[] }
  | { readonly outcome: 'ignored'; readonly reason: ReceiptIgnoredReason; readonly bekymringsmeldingId: string | undefined; readonly detail: string };

function stepsFor(kind: ReceiptKind): readonly (readonly [PortalState, TransitionCause])[] {
  if (kind === 'mottatt') return [['LEVERT', 'mottatt']];
  return [['AVVIST_FAGSYSTEM', kind], ['SENDT_PRINT', kind], ['LEVERT', 'post']];
}

export async function handleReceipt(context: PortalContext, message: IncomingMessage): Promise<ReceiptHandling> {
  const receipt = readReceipt(message);
  if (receipt.kind === 'unreadable') {
    const detail = receipt.reason;
    emitAll(context, [
      { type: 'receipt-ignored', at: context.clock.now(), reason: 'unreadable', ...(receipt.svarTil === undefined ? {} : { svarTil: receipt.svarTil }), detail },
    ]);
    return { outcome: 'ignored', reason: 'unreadable', bekymringsmeldingId: undefined, detail };
  }
  let owner = await ownerOf(context, receipt.svarTil);
  if (owner === undefined && context.inFlightSends.size > 0) {
    // The case system may answer before send() has returned the melding-id to the portal; only
    // once every send in flight has been recorded is an unknown svar-til really unknown.
    await Promise.allSettled([...context.inFlightSends]);
    owner = await ownerOf(context, receipt.svarTil);
  }
  const melding = receipt.kind === 'feilet' ? receipt.melding : undefined;
  const now = nowDate(context);
  const at = now.getTime();
  const receiptEvent: PortalEvent = {
    type: 'receipt',
    at,
    kind: receipt.kind,
    svarTil: receipt.svarTil,
    meldingId: receipt.meldingId,
    ...(owner === undefined ? {} : { bekymringsmeldingId: owner.bekymringsmeldingId }),
    ...(melding === undefined ? {} : { melding }),
  };

  const result = await context.db.transaction(async (tx): Promise<ReceiptHandling> => {
    const claimed = await tx.query(
      `INSERT INTO portal_kvittering (melding_id, svar_til, kind, bekymringsmelding_id, effect, melding, received_at)
       VALUES ($1, $2, $3, $4, 'applied', $5, $6) ON CONFLICT (melding_id) DO NOTHING RETURNING melding_id`,
      [receipt.meldingId, receipt.svarTil, receipt.kind, owner?.bekymringsmeldingId ?? null, melding ?? null, now],
    );
    const ignore = async (reason: ReceiptIgnoredReason, detail: string, bekymringsmeldingId = owner?.bekymringsmeldingId): Promise<ReceiptHandling> => {
      if (reason !== 'duplicate') await tx.query('UPDATE portal_kvittering SET effect = $1 WHERE melding_id = $2', [reason, receipt.meldingId]);
      return { outcome: 'ignored', reason, bekymringsmeldingId, detail };
    };
    if (claimed.length === 0) {
      const [first] = await tx.query<{ bekymringsmelding_id: string | null; effect: string }>(
        'SELECT bekymringsmelding_id, effect FROM portal_kvittering WHERE melding_id = $1',
        [receipt.meldingId],
      );
      return ignore('duplicate', `receipt ${receipt.meldingId} was handled before (effect: ${first?.effect ?? 'unknown'}); a redelivery changes nothing`, first?.bekymringsmelding_id ?? undefined);
    }
    if (owner === undefined) {
      return ignore('misattributed', `svar-til ${receipt.svarTil} is no melding-id this portal sent`);
    }
    const row = await lockReportState(tx, owner.bekymringsmeldingId);
    if (row === undefined) throw new Error(`portal: report ${owner.bekymringsmeldingId} has a sending but no row; the portal's database is inconsistent.`);
    if (isFinalState(row.state)) {
      return ignore('final', `report ${owner.bekymringsmeldingId} is ${row.state} (by ${row.cause ?? 'unknown'}) already; a final state never moves`);
    }
    if (receipt.kind === 'tidsavbrudd' || receipt.kind === 'serverfeil') {
      const [latest] = await tx.query<{ melding_id: string }>(
        'SELECT melding_id FROM portal_sending WHERE bekymringsmelding_id = $1 ORDER BY attempt DESC LIMIT 1',
        [owner.bekymringsmeldingId],
      );
      if (latest !== undefined && latest.melding_id !== receipt.svarTil) {
        return ignore('superseded', `${receipt.kind} is about ${receipt.svarTil}, but the report was sent again since as ${latest.melding_id}`);
      }
    }
    // Inserted as applied above: every other outcome sets its own effect, and nothing is kept unless the transaction commits.
    const alsoSet = receipt.kind === 'mottatt' ? { mottatt_at: now, retention_due_at: new Date(at + firstRetentionDelayMs(context.retention)) } : {};
    const changes = await changeState(tx, owner.bekymringsmeldingId, row.state, stepsFor(receipt.kind), now, receipt.meldingId, alsoSet);
    return { outcome: 'applied', bekymringsmeldingId: owner.bekymringsmeldingId, kind: receipt.kind, changes };
  });

  const events: PortalEvent[] = [receiptEvent];
  if (result.outcome === 'applied') {
    for (const change of result.changes) {
      events.push({ type: 'state-changed', at, bekymringsmeldingId: result.bekymringsmeldingId, ...change, receiptMeldingId: receipt.meldingId });
    }
  } else {
    events.push({
      type: 'receipt-ignored',
      at,
      reason: result.reason,
      svarTil: receipt.svarTil,
      meldingId: receipt.meldingId,
      ...(result.bekymringsmeldingId === undefined ? {} : { bekymringsmeldingId: result.bekymringsmeldingId }),
      detail: result.detail,
    });
  }
  emitAll(context, events);
  return result;
}

async function ownerOf(context: PortalContext, svarTil: string): Promise<{ bekymringsmeldingId: string } | undefined> {
  const [row] = await context.db.query<{ bekymringsmelding_id: string }>('SELECT bekymringsmelding_id FROM portal_sending WHERE melding_id = $1', [svarTil]);
  return row === undefined ? undefined : { bekymringsmeldingId: row.bekymringsmelding_id };
}
