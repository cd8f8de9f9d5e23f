// accept(): the portal takes a report and promises to deliver it. From the moment this commits the
// report is the portal's responsibility: it is in the outbox (AKSEPTERT) with the exact payload
// that will be sent, so a send can be retried, and a read-back later compared, byte for byte.
import { createHash } from 'node:crypto';
import { buildPayloadParts } from '../../scenarios/workloads/report-payload.ts';
import type { GeneratedReport } from '../../scenarios/workloads/report-workload.ts';
import { type PortalContext, emitAll, nowDate } from './portal-context.ts';

export type AcceptOutcome = 'accepted' | 'already-accepted';

export async function acceptReport(
  context: PortalContext,
  report: GeneratedReport,
  mottakerKontoId: string,
  klientMeldingId: string,
): Promise<AcceptOutcome> {
  // The parts are what the payload holds (packPayload is lossless and deterministic), so they are
  // taken as built rather than unzipped from it again.
  const { payload, contentJson, pdf, content: place } = await buildPayloadParts(report);
  const at = nowDate(context);
  const inserted = await context.db.query(
    `INSERT INTO portal_melding (bekymringsmelding_id, meldingstype, bydel_ressurs_id, mottaker_konto_id, klient_melding_id,
       kommunenummer, bydelsnummer, content_json, payload, pdf_sha256, pdf_bytes, state, accepted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'AKSEPTERT', $12)
     ON CONFLICT (bekymringsmelding_id) DO NOTHING RETURNING seq`,
    [
      report.bekymringsmeldingId,
      report.meldingstype,
      report.bydelRessursId,
      mottakerKontoId,
      klientMeldingId,
      place.kommunenummer,
      place.bydelsnummer,
      contentJson,
      payload,
      createHash('sha256').update(pdf).digest('hex'),
      pdf.length,
      at,
    ],
  );
  if (inserted.length === 0) {
    await checkSameReport(context, report.bekymringsmeldingId, contentJson);
    return 'already-accepted';
  }
  emitAll(context, [
    { type: 'accepted', at: at.getTime(), bekymringsmeldingId: report.bekymringsmeldingId, meldingstype: report.meldingstype, mottakerKontoId, klientMeldingId },
  ]);
  return 'accepted';
}

/** Accepting the same report twice is harmless; two reports under one id is the caller's bug. */
async function checkSameReport(context: PortalContext, bekymringsmeldingId: string, contentJson: string): Promise<void> {
  const [row] = await context.db.query<{ content_json: string | null }>('SELECT content_json FROM portal_melding WHERE bekymringsmelding_id = $1', [
    bekymringsmeldingId,
  ]);
  if (row?.content_json !== null && row?.content_json !== contentJson) {
    throw new Error(`accept: report ${bekymringsmeldingId} was accepted before with other content; a bekymringsmelding-id names one report, so give the new one its own id.`);
  }
}
