// The fallback to letter post: a report the case system has not answered within 2 working days of
// its first send goes by post (SENDT_FAGSYSTEM → SENDT_PRINT → LEVERT). The simulated print service
// delivers at once, so both steps commit together. Delayed, never lost.
import { type PortalContext, emitAll, nowDate } from './portal-context.ts';
import type { PortalEvent } from './portal-events.ts';
import { loadReport } from './portal-rows.ts';
import { changeState } from './portal-transitions.ts';

/** Sends every overdue report by post; resolves to their ids in deadline order. */
export async function postOverdueReports(context: PortalContext): Promise<string[]> {
  const now = nowDate(context);
  const overdue = await context.db.query<{ bekymringsmelding_id: string }>(
    `SELECT bekymringsmelding_id FROM portal_melding
      WHERE state = 'SENDT_FAGSYSTEM' AND deadline_at <= $1 ORDER BY deadline_at, seq`,
    [now],
  );
  const posted: string[] = [];
  for (const { bekymringsmelding_id: id } of overdue) {
    const events = await context.db.transaction(async (tx): Promise<PortalEvent[]> => {
      const row = await loadReport(tx, id, true);
      // A receipt may have settled it since the SELECT above.
      if (row?.state !== 'SENDT_FAGSYSTEM' || row.deadline_at === null || row.deadline_at > now) return [];
      const changes = await changeState(tx, id, row.state, [['SENDT_PRINT', 'deadline'], ['LEVERT', 'post']], now);
      return changes.map((change) => ({ type: 'state-changed', at: now.getTime(), bekymringsmeldingId: id, ...change }));
    });
    if (events.length > 0) posted.push(id);
    emitAll(context, events);
  }
  return posted;
}
