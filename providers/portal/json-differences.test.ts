import { describe, expect, test } from '@jest/globals';
import { jsonDifferences } from './json-differences.ts';

describe('jsonDifferences', () => {
  test('key order does not matter; equal documents have no differences', () => {
    expect(jsonDifferences({ a: 1, b: { c: ['x', 'y'] } }, { b: { c: ['x', 'y'] }, a: 1 })).toEqual([]);
  });

  test('a broken æøå, a decomposed å and a cut text each show, by path and position, without the text', () => {
    const sent = { navn: 'Bjørn Ås', by: 'Tromsø', melding: 'Barnet kommer ofte sulten på skolen.' };
    const stored = { navn: 'BjÃ¸rn Ã\u0085s', by: 'Tromso\u0308', melding: 'Barnet kommer ofte' };
    expect(jsonDifferences(sent, stored)).toEqual([
      '/navn: text differs from character 2 (sent 8 characters, stored 10)',
      '/by: text differs from character 5 (sent 6 characters, stored 7)',
      '/melding: text differs from character 18 (sent 36 characters, stored 18)',
    ]);
  });

  test('missing, extra and retyped values, array items, and "/" and "~" escaped in paths', () => {
    expect(jsonDifferences({ 'a/b': 1, list: [1, 2], n: 1, t: true }, { list: [1], n: '1', 'x~': null, t: false })).toEqual([
      '/a~1b: sent but not stored',
      '/list: sent 2 items, stored 1',
      '/n: sent a number, stored a string',
      '/t: sent true, stored false',
      '/x~0: stored but never sent',
    ]);
  });

  test('stops at the limit', () => {
    expect(jsonDifferences(Array.from({ length: 50 }, () => 'a'), Array.from({ length: 50 }, () => 'b'), 5)).toHaveLength(5);
  });
});
