import { execFileSync } from 'node:child_process';
import { describe, expect, test } from '@jest/globals';
import { strToU8, unzipSync } from 'fflate';
import { PayloadError, REPORT_JSON_NAME, REPORT_PDF_NAME, packPayload, packPayloadFiles, payloadFileName, unpackPayload } from './payload-zip.ts';

const json = new TextEncoder().encode(JSON.stringify({ personnavn: 'Åse Ødegård-Sæther', melding: 'Barnet gråter, «ÆØÅ æøå» – §\u{1F600}' }));
const pdf = new TextEncoder().encode('%PDF-1.7\n% not a real PDF, just bytes\n%%EOF\n');

const PACK_AND_PRINT = `
  import { createHash } from 'node:crypto';
  import { packPayload } from ${JSON.stringify(new URL('./payload-zip.ts', import.meta.url).href)};
  const bytes = packPayload({ json: new TextEncoder().encode('{"a":"æøå"}'), pdf: new Uint8Array([1, 2, 3]) });
  process.stdout.write(createHash('sha256').update(bytes).digest('hex'));
`;

describe('payload zip', () => {
  test('the file name is the portal’s', () => {
    expect(payloadFileName('958935420', '02')).toBe('FiksIO_encrypted_958935420_02.zip');
  });

  test('round trip is byte-exact, JSON with æøå included, in a fixed order', () => {
    const files = unpackPayload(packPayload({ json, pdf }));
    expect([...files.keys()]).toEqual([REPORT_JSON_NAME, REPORT_PDF_NAME]);
    expect(files.get(REPORT_JSON_NAME)).toEqual(json);
    expect(files.get(REPORT_PDF_NAME)).toEqual(pdf);
    expect(new TextDecoder().decode(files.get(REPORT_JSON_NAME))).toContain('Åse Ødegård-Sæther');
  });

  test('a payload without the PDF can be built (for faults) and reads back without it', () => {
    const files = unpackPayload(packPayload({ json }));
    expect([...files.keys()]).toEqual([REPORT_JSON_NAME]);
  });

  test('packing is deterministic, whatever the time zone', () => {
    const first = packPayload({ json, pdf });
    expect(packPayload({ json, pdf })).toEqual(first);
    expect(packPayload({ json: strToU8('{}'), pdf })).not.toEqual(first);
    // Zip time stamps are local time; pack in separate processes in zones 26 hours apart.
    const packIn = (zone: string): string =>
      execFileSync(process.execPath, ['--input-type=module', '-e', PACK_AND_PRINT], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    const kiritimati = packIn('Pacific/Kiritimati');
    expect(kiritimati).toMatch(/^[0-9a-f]{64}$/);
    expect(packIn('Pacific/Pago_Pago')).toBe(kiritimati);
  });

  test('other tools read it as an ordinary zip', () => {
    const files = unzipSync(packPayloadFiles([['feilmelding.json', strToU8('{"melding":"Feil i bydel"}')]]));
    expect(Object.keys(files)).toEqual(['feilmelding.json']);
  });

  test('broken zips raise PayloadError with a message saying what is wrong', () => {
    const good = packPayload({ json, pdf });
    const flipped = good.slice();
    flipped[60] = (flipped[60] ?? 0) ^ 0xff; // inside the first entry's compressed bytes
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /too short to be a zip/],
      ['not a zip', strToU8('x'.repeat(200)), /not a zip/],
      ['cut in half', good.subarray(0, Math.floor(good.length / 2)), /not a zip|cut off/],
      ['tail cut off', good.subarray(0, good.length - 10), /not a zip|cut off/],
      ['corrupted entry', flipped, /damaged|cannot be unpacked/],
    ];
    for (const [label, bytes, message] of cases) {
      let caught: unknown;
      try {
        unpackPayload(bytes);
      } catch (error) {
        caught = error;
      }
      expect([label, caught instanceof PayloadError]).toEqual([label, true]);
      expect((caught as Error).message).toMatch(/^unpackPayload: /);
      expect((caught as Error).message).toMatch(message);
    }
  });

  test('duplicate or empty entry names are refused when packing', () => {
    expect(() => packPayloadFiles([['a.json', json], ['a.json', json]])).toThrow(/^packPayloadFiles: /);
    expect(() => packPayloadFiles([['', json]])).toThrow(/^packPayloadFiles: /);
  });
});
