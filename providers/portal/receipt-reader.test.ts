import { describe, expect, test } from '@jest/globals';
import { HEADER } from '../../contracts/fiks-io-headers.ts';
import { FEILET, MOTTATT, SERVERFEIL, TIDSAVBRUDD } from '../../contracts/message-types.ts';
import { packPayloadFiles } from '../../contracts/payload-zip.ts';
import { FEILMELDING_NAME, readReceipt } from './receipt-reader.ts';

const svarTil = '6c1d2a8e-0f4b-4c3a-9e7d-000000000001';
const headersFor = (type: string): Record<string, string> => ({
  [HEADER.type]: type,
  [HEADER.meldingId]: '0e9a4c1f-7b3d-4e52-8f60-1a2b3c4d5e01',
  [HEADER.avsenderId]: '3d0e5b7a-8c21-4f6e-b3a9-5e2f4c1d6a70',
  [HEADER.svarTil]: svarTil,
});
const empty = new Uint8Array(0);

describe('readReceipt', () => {
  test('mottatt, tidsavbrudd and serverfeil name the report they answer', () => {
    expect(readReceipt({ headers: headersFor(MOTTATT), body: empty })).toMatchObject({ kind: 'mottatt', svarTil, protocolWarnings: [] });
    expect(readReceipt({ headers: headersFor(TIDSAVBRUDD), body: empty })).toMatchObject({ kind: 'tidsavbrudd', svarTil });
    expect(readReceipt({ headers: headersFor(SERVERFEIL), body: empty })).toMatchObject({ kind: 'serverfeil', svarTil });
  });

  test('a mottatt with a body still counts, with a warning', () => {
    const receipt = readReceipt({ headers: headersFor(MOTTATT), body: new Uint8Array([1]) });
    expect(receipt).toMatchObject({ kind: 'mottatt', protocolWarnings: [expect.stringContaining('empty body')] });
  });

  test('feilet carries the melding from feilmelding.json; a broken body is still a feilet', () => {
    const body = packPayloadFiles([[FEILMELDING_NAME, new TextEncoder().encode('{"melding":"Ugyldig æøå"}')]]);
    expect(readReceipt({ headers: headersFor(FEILET), body })).toMatchObject({ kind: 'feilet', melding: 'Ugyldig æøå' });
    expect(readReceipt({ headers: headersFor(FEILET), body: new Uint8Array([9, 9]) })).toMatchObject({ kind: 'feilet', melding: undefined });
  });

  test('a message without svar-til, or of a type that is no receipt, is unreadable with the reason', () => {
    const { [HEADER.svarTil]: _omitted, ...noSvarTil } = headersFor(MOTTATT);
    expect(readReceipt({ headers: noSvarTil, body: empty })).toMatchObject({ kind: 'unreadable' });
    expect(readReceipt({ headers: headersFor('no.ks.fiks.bekymringsmelding.privat.v2'), body: empty })).toMatchObject({
      kind: 'unreadable',
    });
  });
});
