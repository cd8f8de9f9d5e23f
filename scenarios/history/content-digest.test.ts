import { describe, expect, test } from '@jest/globals';
import { jsonDifferences } from '../../providers/portal/json-differences.ts';
import { canonicalJson, contentSha256 } from './content-digest.ts';
import { parseHistoryJsonLines } from './history-file.ts';
import { createHistory } from './history.ts';
import { reportSubmitted } from './report-submitted.ts';

describe('contentSha256', () => {
  test('key order is free, as in the portal\'s read-back judgement', () => {
    const sent = { melding: 'Bekymring', barn: [{ fornavn: 'Åse', alder: 7 }] };
    const reserialised = { barn: [{ alder: 7, fornavn: 'Åse' }], melding: 'Bekymring' };

    expect(jsonDifferences(sent, reserialised)).toEqual([]);
    expect(contentSha256(reserialised)).toBe(contentSha256(sent));
    expect(canonicalJson(reserialised)).toBe('{"barn":[{"alder":7,"fornavn":"Åse"}],"melding":"Bekymring"}');
  });

  test('array order, a cut text and a decomposed å all change it', () => {
    const sent = { navn: ['Bjørn', 'Åse'], melding: 'Barnet kommer ofte sulten' };
    const digest = contentSha256(sent);

    expect(contentSha256({ navn: ['Åse', 'Bjørn'], melding: sent.melding })).not.toBe(digest);
    expect(contentSha256({ ...sent, melding: 'Barnet kommer' })).not.toBe(digest);
    expect(contentSha256({ ...sent, navn: ['Bjørn', 'A\u030Ase'] })).not.toBe(digest);
  });

  test('a value JSON cannot hold is refused, with its path', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('canonicalJson: /a/1 is NaN');
    expect(() => canonicalJson({ b: 1, a: { c: [0, undefined] } })).toThrow('canonicalJson: /a/c/1 is a undefined');
    expect(() => canonicalJson(() => 1)).toThrow('canonicalJson: (the whole value) is a function');
  });

  test('the digest of a value never changes between versions: history files written before are still judged', () => {
    // Pinned from the first writer; a faster writer must give the same text and the same digest.
    const content = { melding: 'Bekymring for Åse', barn: [{ fornavn: 'Søren', alder: 7, merknad: 'sier "hei"\n' }], tom: [], ingen: null, ja: true, ukjent: undefined };
    expect(canonicalJson(content)).toBe('{"barn":[{"alder":7,"fornavn":"Søren","merknad":"sier \\"hei\\"\\n"}],"ingen":null,"ja":true,"melding":"Bekymring for Åse","tom":[]}');
    expect(contentSha256(content)).toBe('c32a91166c4103b25eda3a7ca5d771425259d114b8760303f26aca0e75250a05');
  });
});

describe('reportSubmitted', () => {
  const sent = {
    bekymringsmeldingId: 'r1',
    meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v2',
    contentJson: '{"melding":"Hei på deg","kommunenummer":"4601","bydelsnummer":"00"}',
    pdfSha256: 'ab'.repeat(32),
    pdfBytes: 1234,
    kommunenummer: '4601',
    bydelsnummer: '00',
  };

  test('the event for what the portal sent, with the canonical digest; the content only when asked for', () => {
    expect(reportSubmitted(sent)).toEqual({
      event: 'report-submitted',
      reportId: 'r1',
      meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v2',
      kommunenummer: '4601',
      bydelsnummer: '00',
      contentSha256: contentSha256({ kommunenummer: '4601', bydelsnummer: '00', melding: 'Hei på deg' }),
      pdfSha256: 'ab'.repeat(32),
    });
    expect(reportSubmitted(sent, { keepContent: true }).content).toEqual({ melding: 'Hei på deg', kommunenummer: '4601', bydelsnummer: '00' });
  });

  test('keepValidity keeps, instead of the content, whether it is valid against its schema and its first problems; it survives the file', () => {
    const body = reportSubmitted(sent, { keepValidity: true });

    expect(body.content).toBeUndefined();
    expect(body.validity).toMatchObject({ valid: false, problemCount: expect.any(Number) as unknown });
    expect(body.validity?.valid === false && body.validity.problems).toMatch(/\S/);
    const history = createHistory({ now: () => 0 });
    history.append(body);
    expect(parseHistoryJsonLines(history.toJsonLines())).toEqual(history.events());
  });

  test('a meldingstype that is no report type is refused', () => {
    expect(() => reportSubmitted({ ...sent, meldingstype: 'no.ks.fiks.bekymringsmelding.mottatt.v1' })).toThrow('reportSubmitted: report r1 has meldingstype');
  });
});
