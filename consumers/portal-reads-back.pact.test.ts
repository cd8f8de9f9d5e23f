// Consumer: the portal. Provider: the case system's read-back API. ackproof's oracle: asked by
// bekymringsmelding-id, the case system says what it holds — the content, a digest of the PDF,
// where a caseworker can see it, and how many cases it made — or 404 when it holds nothing.
import { afterAll, describe, expect, test } from '@jest/globals';
import { MatchersV3 } from '@pact-foundation/pact';
import { createReadBackClient, READ_BACK_PATH } from '../providers/portal/read-back-client.ts';
import { consumerPact } from './committed-pacts.ts';
import { BYDELSNUMMER, KOMMUNENUMMER, exampleReport, reportContentMatcher } from './report-examples.ts';

const { eachLike, integer, regex, uuid } = MatchersV3;
const { pact, expectMatchesCommitted } = consumerPact('portal', 'case-system-read-back');
afterAll(() => expectMatchesCommitted());

describe('portal → case system: read-back', () => {
  test('a stored report: what is stored, the PDF digest, who can see it, how many cases', async () => {
    const report = exampleReport('no.ks.fiks.bekymringsmelding.privat.v2', 'pact-read-back');
    const id = report.bekymringsmeldingId;
    const { kommunenummer, bydelsnummer } = report.content;
    await pact
      .addInteraction()
      .given('a private v2 report is stored', { bekymringsmeldingId: id, kommunenummer, bydelsnummer })
      .uponReceiving('a read-back of a stored report')
      .withRequest('GET', `${READ_BACK_PATH}/${id}`, (request) => {
        request.headers({ accept: 'application/json' });
      })
      .willRespondWith(200, (response) => {
        response.jsonBody({
          bekymringsmeldingId: uuid(id),
          meldingstype: regex(/^no\.ks\.fiks\.bekymringsmelding\.(privat|offentlig)\.v[12]$/, report.meldingstype),
          bekymringsmelding: reportContentMatcher(report.meldingstype, report.content),
          pdf: { sha256: regex(/^[0-9a-f]{64}$/, 'a'.repeat(64)), bytes: integer(48213) },
          synligFor: eachLike({ kommunenummer: regex(KOMMUNENUMMER, kommunenummer), bydelsnummer: regex(BYDELSNUMMER, bydelsnummer) }),
          antallSaker: integer(1),
        });
      })
      .executeTest(async (server) => {
        const result = await createReadBackClient(server.url).read(id);
        if (!result.found) throw new Error('the read-back client lost a stored report');
        expect(result.readBack.bekymringsmelding).toMatchObject({ kommunenummer, bydelsnummer, melding: report.content.melding });
        expect(result.readBack.synligFor).toEqual([{ kommunenummer, bydelsnummer }]);
        expect(result.readBack.antallSaker).toBe(1);
        expect(result.readBack.pdf?.sha256).toMatch(/^[0-9a-f]{64}$/);
      });
  });

  test('an unknown id: 404, and the client says "not found" rather than failing', async () => {
    const id = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
    await pact
      .addInteraction()
      .given('no report is stored under this id', { bekymringsmeldingId: id })
      .uponReceiving('a read-back of a report the case system does not hold')
      .withRequest('GET', `${READ_BACK_PATH}/${id}`, (request) => {
        request.headers({ accept: 'application/json' });
      })
      .willRespondWith(404)
      .executeTest(async (server) => {
        expect(await createReadBackClient(server.url).read(id)).toEqual({ found: false });
      });
  });
});
