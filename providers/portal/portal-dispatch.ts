// Sending reports to their case system through Fiks IO. The melding-id is Fiks IO's, so it is known
// only once send() resolves; it is recorded, with the move to SENDT_FAGSYSTEM and the deadline, in
// one transaction right after. A send that fails leaves the report as it was (AKSEPTERT stays in
// the outbox for the next dispatch): sending is at-least-once, and the reused klientMeldingId lets
// the receiver recognise a second copy.
import { CUSTOM } from '../../contracts/fiks-io-headers.ts';
import { type PortalContext, emitAll, nowDate } from './portal-context.ts';
import type { PortalEvent } from './portal-events.ts';
import { type MeldingRow, loadReport, lockReportState } from './portal-rows.ts';
import { changeState } from './portal-transitions.ts';
import { addWorkingDays } from './working-days.ts';

export type SendOutcome =
  | { readonly ok: true; readonly bekymringsmeldingId: string; readonly meldingId: string }
  | { readonly ok: false; readonly bekymringsmeldingId: string; readonly error: string };

/**
 * Sends every AKSEPTERT report, starting them in accept order, with up to `concurrentSends` waiting
 * for Fiks IO at once. Each send is the same at-least-once step as alone (sendReport); running
 * several at once only overlaps their round trips (the send API's answer, the broker's confirm, the
 * commit). A send that throws (the portal's own database failed) stops new sends from starting;
 * those in flight finish, and then the first error is thrown.
 */
export async function sendAccepted(context: PortalContext, concurrentSends: number): Promise<SendOutcome[]> {
  const pending = await context.db.query<{ bekymringsmelding_id: string }>("SELECT bekymringsmelding_id FROM portal_melding WHERE state = 'AKSEPTERT' ORDER BY seq");
  const outcomes: (SendOutcome | undefined)[] = [];
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const sender = async (): Promise<void> => {
    while (failure === undefined && next < pending.length) {
      const index = next++;
      const id = pending[index]?.bekymringsmelding_id ?? '';
      try {
        const row = await loadReport(context.db, id);
        // Re-read: a report may have moved on since the list was taken (a receipt, a resend).
        if (row?.state === 'AKSEPTERT') outcomes[index] = await sendReport(context, row);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentSends, pending.length) }, sender));
  if (failure !== undefined) throw failure.error;
  // In accept order, however the sends overlapped.
  return outcomes.filter((outcome) => outcome !== undefined);
}

export async function sendReport(context: PortalContext, row: MeldingRow): Promise<SendOutcome> {
  const id = row.bekymringsmelding_id;
  if (row.payload === null) throw new Error(`portal: report ${id} has no payload left to send (purged); only a report that was never delivered can be sent.`);
  const sentAt = context.clock.now();
  const deadline = row.deadline_at?.getTime() ?? addWorkingDays(sentAt, context.deadlineWorkingDays);
  const ttl = context.ttlMs === 'until-deadline' ? Math.max(1, deadline - sentAt) : context.ttlMs;
  const payload = row.payload;
  // Registered before send() starts, so a receipt that overtakes the recording below can wait for it.
  const work = (async (): Promise<SendOutcome> => {
    let meldingId: string;
    try {
      ({ meldingId } = await context.sendApi.send({
        metadata: {
          avsenderKontoId: context.portalKontoId,
          mottakerKontoId: row.mottaker_konto_id,
          meldingType: row.meldingstype,
          ttl,
          headere: {
            [CUSTOM.bekymringsmeldingId]: id,
            [CUSTOM.bydelRessursId]: row.bydel_ressurs_id,
            [CUSTOM.klientMeldingId]: row.klient_melding_id,
          },
        },
        data: payload,
      }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      emitAll(context, [{ type: 'send-failed', at: context.clock.now(), bekymringsmeldingId: id, error: message }]);
      return { ok: false, bekymringsmeldingId: id, error: message };
    }
    const events = await recordSend(context, id, meldingId, ttl, new Date(sentAt), new Date(deadline));
    emitAll(context, events);
    return { ok: true, bekymringsmeldingId: id, meldingId };
  })();
  context.inFlightSends.add(work);
  try {
    return await work;
  } finally {
    context.inFlightSends.delete(work);
  }
}

async function recordSend(
  context: PortalContext,
  id: string,
  meldingId: string,
  ttlMs: number,
  sentAt: Date,
  deadline: Date,
): Promise<PortalEvent[]> {
  const now = nowDate(context);
  const at = now.getTime();
  return context.db.transaction(async (tx) => {
    const row = await lockReportState(tx, id);
    if (row === undefined) throw new Error(`portal: report ${id} vanished from the outbox while it was being sent.`);
    // The attempt is counted under the row's lock, so two sends of one report can never share a number.
    const [{ attempt } = { attempt: 0 }] = await tx.query<{ attempt: number }>(
      `INSERT INTO portal_sending (melding_id, bekymringsmelding_id, attempt, ttl_ms, sent_at)
       SELECT $1, $2, count(*) + 1, $3, $4 FROM portal_sending WHERE bekymringsmelding_id = $2
       RETURNING attempt`,
      [meldingId, id, ttlMs, sentAt],
    );
    const events: PortalEvent[] = [{ type: 'sent', at, bekymringsmeldingId: id, meldingId, attempt, ttlMs }];
    // A resend leaves the state alone; only the first send moves the report and starts the clock.
    if (row.state === 'AKSEPTERT') {
      for (const change of await changeState(tx, id, row.state, [['SENDT_FAGSYSTEM', 'sent']], now, null, { deadline_at: deadline })) {
        events.push({ type: 'state-changed', at, bekymringsmeldingId: id, ...change });
      }
    }
    return events;
  });
}
