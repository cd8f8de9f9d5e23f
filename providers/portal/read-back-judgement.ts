// Does the case system hold exactly what the portal sent? The safe retention policy purges only on
// a match; anything else raises an alarm and keeps the portal's copy. Equality is judged on
// meaning, not bytes, where the protocol allows it and on bytes where it does not:
// - bekymringsmelding.json: both sides parsed, then deep-equal (key order free, every character of
//   every string exact; a store may re-serialise the JSON but not change a value);
// - the PDF: SHA-256 of the stored bytes equal to the sent PDF's (a PDF has no looser equality);
// - the report is visible to the municipality and district it was sent to (it may be visible to
//   others as well: that is not a loss, and the checker judges routing separately);
// - exactly one case (antallSaker 1): none is a loss, two is a duplicate to reconcile;
// - the same meldingstype (a v2 report stored as v1 has lost fields).
import { jsonDifferences } from './json-differences.ts';
import type { ReadBackResult } from './read-back-client.ts';

/** What the portal sent, as it kept it. */
export interface SentReport {
  readonly bekymringsmeldingId: string;
  readonly meldingstype: string;
  readonly contentJson: string;
  readonly pdfSha256: string;
  readonly pdfBytes: number;
  readonly kommunenummer: string;
  readonly bydelsnummer: string;
}

export type ReadBackVerdict =
  | { readonly outcome: 'match' }
  | { readonly outcome: 'not-found'; readonly details: readonly string[] }
  | { readonly outcome: 'different'; readonly details: readonly string[] };

export function judgeReadBack(sent: SentReport, result: ReadBackResult): ReadBackVerdict {
  if (!result.found) return { outcome: 'not-found', details: [`the case system holds no report ${sent.bekymringsmeldingId}`] };
  const stored = result.readBack;
  const details: string[] = [];
  if (stored.meldingstype !== sent.meldingstype) details.push(`meldingstype: sent ${sent.meldingstype}, stored ${stored.meldingstype}`);
  details.push(...jsonDifferences(JSON.parse(sent.contentJson) as unknown, stored.bekymringsmelding).map((difference) => `bekymringsmelding.json ${difference}`));
  if (stored.pdf === null) details.push('bekymringsmelding.pdf: sent but not stored');
  else if (stored.pdf.sha256 !== sent.pdfSha256) {
    details.push(`bekymringsmelding.pdf: SHA-256 differs (sent ${sent.pdfBytes} bytes, stored ${stored.pdf.bytes})`);
  }
  const visible = stored.synligFor.some((place) => place.kommunenummer === sent.kommunenummer && place.bydelsnummer === sent.bydelsnummer);
  if (!visible) {
    const where = stored.synligFor.map((place) => `${place.kommunenummer}/${place.bydelsnummer}`).join(', ') || 'nobody';
    details.push(`not visible to ${sent.kommunenummer}/${sent.bydelsnummer}, the municipality/district it was sent to (visible to ${where})`);
  }
  if (stored.antallSaker !== 1) details.push(`antallSaker is ${stored.antallSaker}, expected exactly 1`);
  return details.length === 0 ? { outcome: 'match' } : { outcome: 'different', details };
}
