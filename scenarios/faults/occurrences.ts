// Which occurrences of something (commits, sends, deliveries) a fault hits: the `from`-th and the
// `count - 1` after it, counting from 1. Counting occurrences rather than moments keeps an
// embedded run's fault exactly where it was on every replay of its seed, and puts a services
// run's fault at the same step of the work.
export interface OccurrenceWindow {
  /** Counts one occurrence; true when it falls in the window. */
  next(): boolean;
  /** The number the last counted occurrence had. */
  last(): number;
  /** Occurrences hit so far. */
  hits(): number;
  /** Every occurrence of the window has been hit. */
  done(): boolean;
}

export function occurrenceWindow(from: number, count: number): OccurrenceWindow {
  let seen = 0;
  let hit = 0;
  return {
    next() {
      seen += 1;
      const inside = seen >= from && seen < from + count;
      if (inside) hit += 1;
      return inside;
    },
    last: () => seen,
    hits: () => hit,
    done: () => hit >= count,
  };
}
