// The portal's send API for a run: the simulator's, with a record of what the portal actually sent
// for each report (its first send). "Content equal" in the summary compares the case system's
// read-back with this record — what went over the wire — rather than with what the workload meant
// to send, so a fault between portal and case system cannot hide behind the portal's own copy.
// A fault that corrupts messages on their way (a poison message) sits BELOW this record: what is
// recorded is the report the portal meant, which is what a case system must hold if it says mottatt.
import { createHash } from 'node:crypto';
import { CUSTOM } from '../../contracts/fiks-io-headers.ts';
import { REPORT_JSON_NAME, REPORT_PDF_NAME, unpackPayload } from '../../contracts/payload-zip.ts';
import type { PortalSendApi, SentReport } from '../../providers/portal/index.ts';
import { keepText } from '../../scenarios/history/kept-text.ts';

export interface RecordingSendApi extends PortalSendApi {
  /** What was sent for a report, by bekymringsmelding-id; undefined when it was never sent. */
  sentReport(bekymringsmeldingId: string): SentReport | undefined;
  /** Every successful send, resends included. */
  sendCount(): number;
}

/**
 * `onFirstSend` hears of each report once, right after its first send was accepted (before the
 * portal records the send): where the run writes report-submitted into the history.
 */
export function recordingSendApi(sendApi: PortalSendApi, onFirstSend: (sent: SentReport) => void = () => undefined): RecordingSendApi {
  const sent = new Map<string, SentReport>();
  let sends = 0;
  return {
    async send(request) {
      const result = await sendApi.send(request);
      sends += 1;
      const id = request.metadata.headere?.[CUSTOM.bekymringsmeldingId];
      if (id !== undefined && !sent.has(id)) {
        const described = describeSent(id, request.metadata.meldingType, request.data);
        sent.set(id, described);
        onFirstSend(described);
      }
      return result;
    },
    sentReport: (id) => sent.get(id),
    sendCount: () => sends,
  };
}

function describeSent(bekymringsmeldingId: string, meldingstype: string, payload: Uint8Array): SentReport {
  const files = unpackPayload(payload);
  const json = files.get(REPORT_JSON_NAME);
  const pdf = files.get(REPORT_PDF_NAME);
  if (json === undefined || pdf === undefined) {
    throw new Error(`recordingSendApi: the portal sent report ${bekymringsmeldingId} without ${REPORT_JSON_NAME} or ${REPORT_PDF_NAME}; the portal is broken`);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  const place = JSON.parse(text) as { kommunenummer?: unknown; bydelsnummer?: unknown };
  // Kept for the whole run, so kept small (kept-text.ts); contentJson reads it back.
  const content = keepText(text);
  return {
    bekymringsmeldingId,
    meldingstype,
    get contentJson() {
      return content.read();
    },
    pdfSha256: createHash('sha256').update(pdf).digest('hex'),
    pdfBytes: pdf.length,
    kommunenummer: String(place.kommunenummer),
    bydelsnummer: String(place.bydelsnummer),
  };
}
