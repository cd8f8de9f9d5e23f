// Weighted choice over a Random, so workloads can mirror real traffic (more v2 than v1, more
// one-child reports than six-child ones) while staying replayable from the seed.
import type { Random } from './random.ts';

/** One entry of a weighted table: the value and its relative weight (> 0). */
export type Weighted<T> = readonly [weight: number, value: T];

/** Draws one value with probability weight / sum of weights. */
export function weightedPick<T>(random: Random, table: readonly Weighted<T>[]): T {
  const total = table.reduce((sum, [weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('weightedPick: the table is empty or its weights do not add up to more than 0');
  let point = random.next() * total;
  for (const [weight, value] of table) {
    point -= weight;
    if (point < 0) return value;
  }
  // Floating-point rounding can leave point at a hair above 0 after the last entry.
  return (table[table.length - 1] as Weighted<T>)[1];
}
