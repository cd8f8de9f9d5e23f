// Consumer: the portal. Provider: the case system. The two answers a case system may give a
// report: mottatt.v1 (empty body: "imported and stored", final) and feilet.v1 with
// feilmelding.json (the portal falls back to letter post). svar-til must be the melding-id of the
// delivered report. The pact pins feilmelding.json as contents; the test packs it in the payload
// zip as a case system does and hands it to the portal's real receipt reader.
import { afterAll, describe, expect, test } from '@jest/globals';
import { MatchersV3 } from '@pact-foundation/pact';
import { HEADER } from '../contracts/fiks-io-headers.ts';
import { FEILET, MOTTATT } from '../contracts/message-types.ts';
import { packPayloadFiles } from '../contracts/payload-zip.ts';
import { FEILMELDING_NAME, readReceipt } from '../providers/portal/receipt-reader.ts';
import { consumerPact, type AsynchronousMessage } from './committed-pacts.ts';

const { uuid, string } = MatchersV3;
const { pact, expectMatchesCommitted } = consumerPact('portal', 'case-system');
afterAll(() => expectMatchesCommitted());

const DELIVERED_MELDING_ID = '6c1d2a8e-0f4b-4c3a-9e7d-000000000001';
const CASE_SYSTEM_ACCOUNT = '3d0e5b7a-8c21-4f6e-b3a9-5e2f4c1d6a70';
const REPORT_TYPE = 'no.ks.fiks.bekymringsmelding.privat.v2';

function receiptMetadata(type: string, meldingId: string): Record<string, unknown> {
  return {
    [HEADER.type]: type,
    [HEADER.meldingId]: uuid(meldingId),
    [HEADER.avsenderId]: uuid(CASE_SYSTEM_ACCOUNT),
    [HEADER.svarTil]: uuid(DELIVERED_MELDING_ID),
    [HEADER.svarTilType]: REPORT_TYPE,
  };
}

function headersOf(message: AsynchronousMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.metadata).map(([name, value]) => [name, String(value)]));
}

describe('portal ← case system: receipts', () => {
  test('mottatt.v1: the report is imported and stored', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('the case system has stored the delivered report')
      .expectsToReceive('a mottatt receipt for the delivered report', (builder) => {
        builder
          .withContent('application/octet-stream', Buffer.alloc(0))
          .withMetadata(receiptMetadata(MOTTATT, '0e9a4c1f-7b3d-4e52-8f60-1a2b3c4d5e01') as never);
      })
      .executeTest((message) => {
        const body = message.contents.content;
        if (!(body instanceof Uint8Array)) throw new Error('mottatt.v1 must carry an empty binary body');
        expect(body.length).toBe(0);
        const receipt = readReceipt({ headers: headersOf(message), body });
        expect(receipt).toEqual({
          kind: 'mottatt',
          svarTil: DELIVERED_MELDING_ID,
          meldingId: '0e9a4c1f-7b3d-4e52-8f60-1a2b3c4d5e01',
          protocolWarnings: [],
        });
        return Promise.resolve();
      });
  });

  test('feilet.v1 with feilmelding.json: the report could not be taken', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('the case system could not read the delivered report')
      .expectsToReceive('a feilet receipt saying why', (builder) => {
        builder
          .withJSONContent({ melding: string('Kunne ikke parse JSON-filen bekymringsmelding.json') })
          .withMetadata(receiptMetadata(FEILET, '0e9a4c1f-7b3d-4e52-8f60-1a2b3c4d5e02') as never);
      })
      .executeTest((message) => {
        const body = packPayloadFiles([[FEILMELDING_NAME, new TextEncoder().encode(JSON.stringify(message.contents.content))]]);
        const receipt = readReceipt({ headers: headersOf(message), body });
        expect(receipt).toEqual({
          kind: 'feilet',
          svarTil: DELIVERED_MELDING_ID,
          meldingId: '0e9a4c1f-7b3d-4e52-8f60-1a2b3c4d5e02',
          melding: 'Kunne ikke parse JSON-filen bekymringsmelding.json',
        });
        return Promise.resolve();
      });
  });
});
