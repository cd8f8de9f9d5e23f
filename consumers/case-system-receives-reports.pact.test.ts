// Consumer: the case system. Provider: the portal (through Fiks IO). What a case system must be
// able to take: a private and a public report (v2), a v1 report to a receiver that supports v2, and
// a report whose payload travels by dokumentlager reference. The pact pins bekymringsmelding.json
// (the contents) and the delivery headers (the metadata); the test wraps the contents in the
// payload zip with a real PDF, as the portal does, and hands it to the real parser.
import { afterAll, describe, expect, test } from '@jest/globals';
import { MatchersV3 } from '@pact-foundation/pact';
import { CUSTOM, HEADER, customHeader } from '../contracts/fiks-io-headers.ts';
import type { Bekymringsmelding } from '../contracts/bekymringsmelding.ts';
import type { ReportType } from '../contracts/message-types.ts';
import { packPayload } from '../contracts/payload-zip.ts';
import { parseReportMessage, type ParseResult } from '../providers/case-system/report-message-parser.ts';
import { renderReportPdf } from '../scenarios/workloads/report-pdf.ts';
import { consumerPact, type AsynchronousMessage } from './committed-pacts.ts';
import { exampleReport, reportContentMatcher } from './report-examples.ts';
import type { GeneratedReport } from '../scenarios/workloads/report-workload.ts';

const { uuid } = MatchersV3;
const { pact, expectMatchesCommitted } = consumerPact('case-system', 'portal');
afterAll(() => expectMatchesCommitted());

const PORTAL_ACCOUNT = '9f3c6a52-5b1e-4d8e-9a51-0c6f1d2e7b10';

function deliveryMetadata(report: GeneratedReport, seedIndex: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    [HEADER.type]: report.meldingstype,
    [HEADER.meldingId]: uuid(`6c1d2a8e-0f4b-4c3a-9e7d-${String(seedIndex).padStart(12, '0')}`),
    [HEADER.avsenderId]: uuid(PORTAL_ACCOUNT),
    [customHeader(CUSTOM.bekymringsmeldingId)]: uuid(report.bekymringsmeldingId),
    [customHeader(CUSTOM.bydelRessursId)]: uuid(report.bydelRessursId),
    ...extra,
  };
}

// The pact verifier does not apply matching rules to metadata keys that contain a dot, as the
// custom headers' `egendefinert-header.<name>` do: it compares them for equality. So the report's
// own ids travel to the provider as state parameters, and the provider sends the report under them.
function reportIdentity(report: { bekymringsmeldingId: string; bydelRessursId: string }): { bekymringsmeldingId: string; bydelRessursId: string } {
  return { bekymringsmeldingId: report.bekymringsmeldingId, bydelRessursId: report.bydelRessursId };
}

function headersOf(message: AsynchronousMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.metadata).map(([name, value]) => [name, String(value)]));
}

async function payloadFor(message: AsynchronousMessage, type: ReportType): Promise<Uint8Array> {
  const content = message.contents.content as Bekymringsmelding;
  const pdf = await renderReportPdf({ bekymringsmeldingId: 'pact', meldingstype: type, bydelRessursId: 'pact', content });
  return packPayload({ json: new TextEncoder().encode(JSON.stringify(content)), pdf });
}

const noDokumentlager = (): Promise<Uint8Array> => Promise.reject(new Error('no dokumentlager in this interaction'));

function expectStored(result: ParseResult, message: AsynchronousMessage, type: ReportType): void {
  if (!result.ok) throw new Error(`the parser refused a report the portal sends: ${result.melding}`);
  expect(result.meldingstype).toBe(type);
  expect(result.bekymringsmeldingId).toBe(message.metadata[customHeader(CUSTOM.bekymringsmeldingId)]);
  expect(result.meldingId).toBe(message.metadata[HEADER.meldingId]);
  expect(result.content).toEqual(message.contents.content);
  expect(result.pdf.length).toBeGreaterThan(0);
}

describe('case system ← portal: concern reports', () => {
  const cases: { description: string; type: ReportType; state: string }[] = [
    { description: 'a private concern report, protocol v2', type: 'no.ks.fiks.bekymringsmelding.privat.v2', state: 'a private person has sent a concern report' },
    { description: 'a public concern report, protocol v2', type: 'no.ks.fiks.bekymringsmelding.offentlig.v2', state: 'a public employee has sent a concern report' },
    { description: 'a private concern report, protocol v1, to a receiver that supports v2', type: 'no.ks.fiks.bekymringsmelding.privat.v1', state: 'the municipality is registered for protocol v1' },
  ];

  test.each(cases.map((entry, index) => ({ ...entry, index })))('$description', async ({ description, type, state, index }) => {
    const report = exampleReport(type, `pact-${type}-${index}`);
    await pact
      .addAsynchronousInteraction()
      .given(state, reportIdentity(report))
      .expectsToReceive(description, (builder) => {
        builder.withJSONContent(reportContentMatcher(type, report.content)).withMetadata(deliveryMetadata(report, index) as never);
      })
      .executeTest(async (message) => {
        const result = await parseReportMessage({ headers: headersOf(message), body: await payloadFor(message, type) }, { fetchDokumentlager: noDokumentlager });
        expectStored(result, message, type);
      });
  });

  test('a report over 5 MB, sent by dokumentlager reference', async () => {
    const type = 'no.ks.fiks.bekymringsmelding.offentlig.v2';
    const report = exampleReport(type, 'pact-dokumentlager');
    const dokumentlagerId = '2b7e1516-28ae-4d2a-a6d2-abf7158809cf';
    await pact
      .addAsynchronousInteraction()
      .given('a public employee has sent a concern report with attachments over 5 MB', reportIdentity(report))
      .expectsToReceive('a public concern report whose payload is in dokumentlager', (builder) => {
        builder
          .withJSONContent(reportContentMatcher(type, report.content))
          .withMetadata(deliveryMetadata(report, 9, { [HEADER.dokumentlagerId]: uuid(dokumentlagerId) }) as never);
      })
      .executeTest(async (message) => {
        const stored = new Map([[headersOf(message)[HEADER.dokumentlagerId], await payloadFor(message, type)]]);
        const fetched: string[] = [];
        const result = await parseReportMessage(
          { headers: headersOf(message), body: new Uint8Array(0) },
          {
            fetchDokumentlager: (id) => {
              fetched.push(id);
              const payload = stored.get(id);
              return payload ? Promise.resolve(payload) : Promise.reject(new Error(`no document ${id}`));
            },
          },
        );
        expect(fetched).toEqual([dokumentlagerId]);
        expectStored(result, message, type);
      });
  });
});
