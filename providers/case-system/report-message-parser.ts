// How a case system turns a Fiks IO delivery into a report it can store: check the headers, fetch
// the payload from dokumentlager when it travels by reference, unpack the zip, parse and validate
// bekymringsmelding.json, take the PDF. Every way this can fail ends in a ParseFailure whose
// `melding` is fit to send back to the portal in feilet.v1 — never in a thrown error, because a
// receiver that crashes on a poison message redelivers it forever instead of answering.
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import type { Bekymringsmelding } from '../../contracts/bekymringsmelding.ts';
import { isReportType, type ReportType } from '../../contracts/message-types.ts';
import { PayloadError, REPORT_JSON_NAME, REPORT_PDF_NAME, unpackPayload } from '../../contracts/payload-zip.ts';
import { formatProblems, validateDeliveryHeaders, validateReport } from '../../contracts/validation/index.ts';

export interface IncomingMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface ParsedReport {
  readonly ok: true;
  readonly meldingId: string;
  readonly avsenderId: string;
  readonly meldingstype: ReportType;
  readonly bekymringsmeldingId: string;
  readonly bydelRessursId: string | undefined;
  readonly klientMeldingId: string | undefined;
  readonly content: Bekymringsmelding;
  /** bekymringsmelding.json exactly as received, so a store can keep it byte for byte. */
  readonly contentJson: string;
  readonly pdf: Uint8Array;
}

export interface ParseFailure {
  readonly ok: false;
  /** The melding-id to answer with feilet, when the headers allowed reading one. */
  readonly meldingId: string | undefined;
  readonly bekymringsmeldingId: string | undefined;
  /** What went wrong, in words for the portal's feilmelding.json. */
  readonly melding: string;
}

export type ParseResult = ParsedReport | ParseFailure;

export interface ParserOptions {
  /** Fetches a payload that travels by reference (dokumentlager-id header). */
  readonly fetchDokumentlager: (dokumentlagerId: string) => Promise<Uint8Array>;
}

export async function parseReportMessage(message: IncomingMessage, options: ParserOptions): Promise<ParseResult> {
  const headers = message.headers;
  const meldingId = headers[HEADER.meldingId];
  const bekymringsmeldingId = headers[customHeader(CUSTOM.bekymringsmeldingId)];
  const fail = (melding: string): ParseFailure => ({ ok: false, meldingId, bekymringsmeldingId, melding });

  const type = headers[HEADER.type] ?? '';
  if (!isReportType(type)) return fail(`Ukjent meldingstype "${type}": dette fagsystemet tar imot bekymringsmeldinger (privat og offentlig, v1 og v2).`);
  const headerCheck = validateDeliveryHeaders(headers);
  if (!headerCheck.valid) return fail(`Ugyldige meldingshoder:\n${formatProblems(headerCheck.problems)}`);
  if (meldingId === undefined || bekymringsmeldingId === undefined) return fail('Meldingen mangler melding-id eller bekymringsmelding-id.');

  let payload = message.body;
  const dokumentlagerId = headers[HEADER.dokumentlagerId];
  if (dokumentlagerId !== undefined) {
    try {
      payload = await options.fetchDokumentlager(dokumentlagerId);
    } catch (error) {
      return fail(`Kunne ikke hente meldingen fra dokumentlageret (dokumentlager-id ${dokumentlagerId}): ${errorText(error)}`);
    }
  }

  let files: ReadonlyMap<string, Uint8Array>;
  try {
    files = unpackPayload(payload);
  } catch (error) {
    if (error instanceof PayloadError) return fail(`Kunne ikke pakke ut meldingen: ${error.message}`);
    throw error;
  }
  const jsonBytes = files.get(REPORT_JSON_NAME);
  if (jsonBytes === undefined) return fail(`Meldingen mangler ${REPORT_JSON_NAME}.`);
  const pdf = files.get(REPORT_PDF_NAME);
  if (pdf === undefined) return fail(`Meldingen mangler ${REPORT_PDF_NAME}.`);

  let contentJson: string;
  let content: unknown;
  try {
    contentJson = new TextDecoder('utf-8', { fatal: true }).decode(jsonBytes);
    content = JSON.parse(contentJson) as unknown;
  } catch (error) {
    return fail(`Kunne ikke parse JSON-filen ${REPORT_JSON_NAME}: ${errorText(error)}`);
  }
  const contentCheck = validateReport(type, content);
  if (!contentCheck.valid) return fail(`${REPORT_JSON_NAME} følger ikke skjemaet for ${type}:\n${formatProblems(contentCheck.problems)}`);

  return {
    ok: true,
    meldingId,
    avsenderId: headers[HEADER.avsenderId] ?? '',
    meldingstype: type,
    bekymringsmeldingId,
    bydelRessursId: headers[customHeader(CUSTOM.bydelRessursId)],
    klientMeldingId: headers[customHeader(CUSTOM.klientMeldingId)],
    content: content as Bekymringsmelding,
    contentJson,
    pdf,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
