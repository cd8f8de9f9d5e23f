// Retention after mottatt, run by tick(): purge the portal's copy when the policy says so (the
// state row stays, with purged_at), or — under the safe policy — raise an alarm and keep it.
// A read-back happens outside any transaction (it is a network call); its verdict is applied in
// one, after checking the report is still waiting for it.
import { type PortalContext, emitAll, nowDate } from './portal-context.ts';
import type { PortalEvent } from './portal-events.ts';
import { type MeldingRow, loadReport } from './portal-rows.ts';
import { ReadBackError } from './read-back-client.ts';
import { judgeReadBack } from './read-back-judgement.ts';
import { DEFAULT_RETRY_AFTER_MS } from './retention-policy.ts';

export interface RetentionSummary {
  readonly purged: string[];
  readonly alarms: string[];
  /** Read-backs whose answer could not be trusted; retried later. */
  readonly readBackUnknown: string[];
}

const WAITING = 'retention_due_at IS NOT NULL AND purged_at IS NULL AND alarm_at IS NULL';

export async function runRetention(context: PortalContext): Promise<RetentionSummary> {
  const now = nowDate(context);
  const due = await context.db.query<{ bekymringsmelding_id: string }>(
    `SELECT bekymringsmelding_id FROM portal_melding WHERE ${WAITING} AND retention_due_at <= $1 ORDER BY retention_due_at, seq`,
    [now],
  );
  const summary: RetentionSummary = { purged: [], alarms: [], readBackUnknown: [] };
  for (const { bekymringsmelding_id: id } of due) {
    if (context.retention.kind === 'days-after-mottatt') {
      if (await purge(context, id)) summary.purged.push(id);
      continue;
    }
    const row = await loadReport(context.db, id);
    if (row === undefined || row.content_json === null) continue;
    const outcome = await checkReadBack(context, row);
    if (outcome === 'purged') summary.purged.push(id);
    else if (outcome === 'alarm') summary.alarms.push(id);
    else if (outcome === 'unknown') summary.readBackUnknown.push(id);
  }
  return summary;
}

async function checkReadBack(context: PortalContext, row: MeldingRow): Promise<'purged' | 'alarm' | 'unknown' | 'moved-on'> {
  if (context.retention.kind !== 'read-back-confirmed' || row.content_json === null) return 'moved-on';
  const id = row.bekymringsmelding_id;
  let result;
  try {
    result = await context.retention.readBack.read(id);
  } catch (error) {
    // Only an answer known to be untrustworthy is "unknown"; anything else is a bug and surfaces.
    if (!(error instanceof ReadBackError)) throw error;
    const retryAt = new Date(context.clock.now() + (context.retention.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
    await context.db.query(
      `UPDATE portal_melding SET read_back_attempts = read_back_attempts + 1, retention_due_at = $1 WHERE bekymringsmelding_id = $2 AND ${WAITING}`,
      [retryAt, id],
    );
    emitAll(context, [{ type: 'read-back', at: context.clock.now(), bekymringsmeldingId: id, outcome: 'unknown', details: [error.message] }]);
    return 'unknown';
  }
  const verdict = judgeReadBack(
    {
      bekymringsmeldingId: id,
      meldingstype: row.meldingstype,
      contentJson: row.content_json,
      pdfSha256: row.pdf_sha256,
      pdfBytes: row.pdf_bytes,
      kommunenummer: row.kommunenummer,
      bydelsnummer: row.bydelsnummer,
    },
    result,
  );
  const at = context.clock.now();
  const details = verdict.outcome === 'match' ? [] : verdict.details;
  const readBackEvent: PortalEvent = { type: 'read-back', at, bekymringsmeldingId: id, outcome: verdict.outcome, details };
  if (verdict.outcome === 'match') {
    const purged = await purge(context, id, [readBackEvent]);
    return purged ? 'purged' : 'moved-on';
  }
  const raised = await context.db.query(
    `UPDATE portal_melding SET read_back_attempts = read_back_attempts + 1, retention_due_at = NULL,
            alarm_at = $1, alarm_reason = $2, alarm_details = $3
      WHERE bekymringsmelding_id = $4 AND ${WAITING} RETURNING seq`,
    [new Date(at), verdict.outcome, JSON.stringify(details), id],
  );
  if (raised.length === 0) return 'moved-on';
  emitAll(context, [readBackEvent, { type: 'alarm', at, bekymringsmeldingId: id, reason: verdict.outcome, details }]);
  return 'alarm';
}

/** Deletes the content and payload, keeps the row; false when the report was no longer waiting. */
async function purge(context: PortalContext, id: string, before: readonly PortalEvent[] = []): Promise<boolean> {
  const now = nowDate(context);
  const policy = context.retention.kind;
  const purged = await context.db.query(
    `UPDATE portal_melding SET content_json = NULL, payload = NULL, purged_at = $1, purge_policy = $2, retention_due_at = NULL,
            read_back_attempts = read_back_attempts + $3
      WHERE bekymringsmelding_id = $4 AND ${WAITING} RETURNING seq`,
    [now, policy, policy === 'read-back-confirmed' ? 1 : 0, id],
  );
  if (purged.length === 0) return false;
  emitAll(context, [...before, { type: 'purged', at: now.getTime(), bekymringsmeldingId: id, policy }]);
  return true;
}
