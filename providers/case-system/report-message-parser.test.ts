import { describe, expect, test } from '@jest/globals';
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import { packPayload, packPayloadFiles } from '../../contracts/payload-zip.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';
import { generateReport } from '../../scenarios/workloads/report-workload.ts';
import { parseReportMessage, type IncomingMessage, type ParseResult } from './report-message-parser.ts';

const report = generateReport(seededRandom('parser'), { type: 'no.ks.fiks.bekymringsmelding.offentlig.v2', textLength: 300 });
const json = new TextEncoder().encode(JSON.stringify(report.content));
const pdf = new TextEncoder().encode('%PDF-1.7 stand-in');
const headers = {
  [HEADER.type]: report.meldingstype,
  [HEADER.meldingId]: '6c1d2a8e-0f4b-4c3a-9e7d-000000000042',
  [HEADER.avsenderId]: '9f3c6a52-5b1e-4d8e-9a51-0c6f1d2e7b10',
  [customHeader(CUSTOM.bekymringsmeldingId)]: report.bekymringsmeldingId,
};
const noDokumentlager = { fetchDokumentlager: () => Promise.reject(new Error('no dokumentlager here')) };

function parse(message: Partial<IncomingMessage>): Promise<ParseResult> {
  return parseReportMessage({ headers, body: packPayload({ json, pdf }), ...message }, noDokumentlager);
}

async function failureOf(message: Partial<IncomingMessage>): Promise<string> {
  const result = await parse(message);
  if (result.ok) throw new Error('expected the parser to refuse this message');
  expect(result.meldingId).toBe(headers[HEADER.meldingId]);
  return result.melding;
}

describe('parseReportMessage', () => {
  test('a well-formed report comes out with its content byte for byte and its PDF', async () => {
    const result = await parse({});
    if (!result.ok) throw new Error(result.melding);
    expect(result.content).toEqual(report.content);
    expect(result.contentJson).toBe(new TextDecoder().decode(json));
    expect(result.pdf).toEqual(pdf);
    expect(result.bekymringsmeldingId).toBe(report.bekymringsmeldingId);
  });

  test('each poison message becomes a failure whose melding says what was wrong', async () => {
    expect(await failureOf({ body: new Uint8Array([1, 2, 3]) })).toMatch(/pakke ut/);
    expect(await failureOf({ body: packPayload({ json: new TextEncoder().encode('{"kommunenummer": ') , pdf }) })).toMatch(/parse JSON/);
    expect(await failureOf({ body: packPayload({ json: new TextEncoder().encode('{"kommunenummer":"12A1"}'), pdf }) })).toMatch(/\/kommunenummer/);
    expect(await failureOf({ body: packPayload({ json }) })).toMatch(/bekymringsmelding\.pdf/);
    expect(await failureOf({ body: packPayloadFiles([['bekymringsmelding.pdf', pdf]]) })).toMatch(/bekymringsmelding\.json/);
    expect(await failureOf({ headers: { ...headers, [HEADER.type]: 'no.ks.fiks.annet.v1' } })).toMatch(/Ukjent meldingstype/);
    expect(await failureOf({ body: packPayload({ json: new Uint8Array([0x7b, 0xff, 0x7d]), pdf }) })).toMatch(/parse JSON/);
  });

  test('a report without its bekymringsmelding-id header is refused, naming the header', async () => {
    const { [customHeader(CUSTOM.bekymringsmeldingId)]: _omitted, ...withoutId } = headers;
    expect(await failureOf({ headers: withoutId })).toMatch(/bekymringsmelding-id/);
  });

  test('a v1 report is accepted by the same parser (a v2 receiver must take v1)', async () => {
    const v1 = generateReport(seededRandom('parser-v1'), { type: 'no.ks.fiks.bekymringsmelding.privat.v1' });
    const result = await parse({
      headers: { ...headers, [HEADER.type]: v1.meldingstype, [customHeader(CUSTOM.bekymringsmeldingId)]: v1.bekymringsmeldingId },
      body: packPayload({ json: new TextEncoder().encode(JSON.stringify(v1.content)), pdf }),
    });
    expect(result.ok).toBe(true);
  });

  test('a payload by dokumentlager reference is fetched; a failed fetch is a failure, not a crash', async () => {
    const withReference = { ...headers, [HEADER.dokumentlagerId]: '2b7e1516-28ae-4d2a-a6d2-abf7158809cf' };
    const fetched = await parseReportMessage(
      { headers: withReference, body: new Uint8Array(0) },
      { fetchDokumentlager: () => Promise.resolve(packPayload({ json, pdf })) },
    );
    expect(fetched.ok).toBe(true);
    expect(await failureOf({ headers: withReference, body: new Uint8Array(0) })).toMatch(/dokumentlager/);
  });
});
