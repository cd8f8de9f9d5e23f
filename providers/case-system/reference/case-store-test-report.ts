// ParsedReports for the case store's tests, as the parser would hand them over, built from the
// seeded report workload: synthetic people with æøå, real municipality and district numbers.
import type { Bekymringsmelding } from '../../../contracts/bekymringsmelding.ts';
import { type ReportOptions, generateReport } from '../../../scenarios/workloads/report-workload.ts';
import { seededRandom } from '../../../scenarios/workloads/random.ts';
import type { ParsedReport } from '../report-message-parser.ts';

export const TEST_PORTAL_ACCOUNT = '6f5a4f0e-1d2c-4b3a-8e9f-0a1b2c3d4e5f';

export interface TestReportOptions extends ReportOptions {
  /** Send it to this municipality and district instead of the drawn one. */
  readonly to?: Pick<Bekymringsmelding, 'kommunenummer' | 'kommunenavn' | 'bydelsnummer' | 'bydelsnavn'>;
}

export const OSLO_GAMLE_OSLO = { kommunenummer: '0301', kommunenavn: 'Oslo', bydelsnummer: '01', bydelsnavn: 'Gamle Oslo' } as const;

export function testReport(seed: string, options: TestReportOptions = {}): ParsedReport {
  const random = seededRandom(seed);
  const { to, ...reportOptions } = options;
  const generated = generateReport(random.fork('report'), reportOptions);
  const content: Bekymringsmelding = { ...generated.content, ...to };
  // A stand-in PDF: the store keeps bytes, it never renders them. All 256 byte values occur.
  const pdfRandom = random.fork('pdf');
  const pdf = Uint8Array.from([...new TextEncoder().encode('%PDF-1.7\n'), ...Array.from({ length: 4096 }, (_, index) => (index < 256 ? index : pdfRandom.int(0, 255)))]);
  return {
    ok: true,
    meldingId: random.uuid(),
    avsenderId: TEST_PORTAL_ACCOUNT,
    meldingstype: generated.meldingstype,
    bekymringsmeldingId: generated.bekymringsmeldingId,
    bydelRessursId: generated.bydelRessursId,
    klientMeldingId: random.uuid(),
    content,
    // Indented, as a portal might send it: the store must keep this text, not re-serialise it.
    contentJson: JSON.stringify(content, null, 2),
    pdf,
  };
}

/** The same report sent again by the portal: a new melding-id, the same klientMeldingId. */
export function resendOf(report: ParsedReport, newMeldingId: string): ParsedReport {
  return { ...report, meldingId: newMeldingId };
}
