import { describe, expect, test } from '@jest/globals';
import { seededRandom, seedFrom } from './random.ts';

describe('seededRandom', () => {
  test('the same seed gives the same sequence', () => {
    const draw = (seed: string): number[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => random.int(0, 1000));
    };
    expect(draw('replay-me')).toEqual(draw('replay-me'));
    expect(draw('replay-me')).not.toEqual(draw('another'));
  });

  test('uuids are version-4 shaped and reproducible', () => {
    const first = seededRandom(7).uuid();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededRandom(7).uuid()).toBe(first);
  });

  test('int covers both ends of its range and nothing outside', () => {
    const random = seededRandom(1);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('forks are independent of the parent and reproducible', () => {
    const forkA = seededRandom(3).fork('portal');
    const forkB = seededRandom(3).fork('portal');
    expect(forkA.next()).toBe(forkB.next());
    expect(seededRandom(3).fork('receiver').next()).not.toBe(seededRandom(3).fork('portal').next());
  });

  test('bad arguments are refused with the function named', () => {
    expect(() => seededRandom(1).int(5, 1)).toThrow('random.int');
    expect(() => seededRandom(1).pick([])).toThrow('random.pick');
    expect(seedFrom(42)).toBe(42);
  });
});
