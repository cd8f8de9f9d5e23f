import { describe, expect, test } from '@jest/globals';
import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8Byte } from './utf8-check.ts';
import { seededRandom } from '../../scenarios/workloads/random.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('firstInvalidUtf8Byte', () => {
  test('finds nothing wrong in UTF-8, æøå and emoji included', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('{"by": "Tromsø", "navn": "Åse Ødegård 😀"}', 'utf8'))).toBeUndefined();
    expect(firstInvalidUtf8Byte(bytes())).toBeUndefined();
  });

  test('points at the first byte of text saved as Latin-1', () => {
    const latin1 = Buffer.from('{"by": "Tromsø"}', 'latin1');
    expect(firstInvalidUtf8Byte(latin1)).toBe(latin1.indexOf(0xf8));
  });

  test('rejects overlong forms, surrogates, code points above U+10FFFF and cut-off sequences', () => {
    expect(firstInvalidUtf8Byte(bytes(0x41, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8Byte(bytes(0xe0, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8Byte(bytes(0xed, 0xa0, 0x80))).toBe(0);
    expect(firstInvalidUtf8Byte(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8Byte(bytes(0x41, 0x42, 0xc3))).toBe(2);
    expect(firstInvalidUtf8Byte(bytes(0x80))).toBe(0);
  });

  test("agrees with Node's own isUtf8 on 5,000 seeded random byte strings", () => {
    const random = seededRandom('utf8-check');
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f];
    for (let round = 0; round < 5000; round += 1) {
      const sample = Uint8Array.from({ length: random.int(0, 6) }, () => (random.chance(0.6) ? random.pick(interesting) : random.int(0, 255)));
      expect({ sample: [...sample], valid: firstInvalidUtf8Byte(sample) === undefined }).toEqual({ sample: [...sample], valid: isUtf8(sample) });
    }
  });
});
