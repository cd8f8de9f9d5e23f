import { describe, expect, test } from '@jest/globals';
import { type Validity, mergeValidity } from './validity.ts';

describe('mergeValidity', () => {
  test('false > unknown > true, whatever the order', () => {
    expect(mergeValidity(true, true)).toBe(true);
    expect(mergeValidity(true, 'unknown', true)).toBe('unknown');
    expect(mergeValidity('unknown', false, true)).toBe(false);
    expect(mergeValidity(false, 'unknown')).toBe(false);
  });

  test('nothing merged is unknown: a gate must not pass on nothing checked', () => {
    expect(mergeValidity()).toBe('unknown');
  });

  test('a value that is not exactly true or false (read from a broken file) counts as unknown', () => {
    expect(mergeValidity(true, 'true' as unknown as Validity)).toBe('unknown');
  });
});
