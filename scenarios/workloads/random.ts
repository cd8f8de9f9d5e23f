// The one source of randomness in ackproof. Everything random is drawn from a Random made from a
// seed, so a run replays exactly from the seed it prints. Never call Math.random or crypto's
// random functions in workloads, faults or schedules.

export interface Random {
  /** The seed this generator was made from, for printing in replay instructions. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A version-4-shaped UUID drawn from this generator (not from the system's entropy). */
  uuid(): string;
  /** A new generator whose sequence is independent of this one's later draws. */
  fork(label: string): Random;
}

/** Turns any string or number into a 32-bit seed (FNV-1a), so seeds can be readable labels. */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value >>> 0;
  let hash = 0x811c9dc5;
  for (const char of String(value)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** sfc32: small, fast, passes PractRand to 2^42 bytes; more than a test harness needs. */
export function seededRandom(seed: string | number): Random {
  const start = seedFrom(seed);
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = start;
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) nextUint32();

  const random: Random = {
    seed: start,
    next: () => nextUint32() / 0x1_0000_0000,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`random.int: needs integers with min <= max, got ${min} and ${max}`);
      }
      return min + Math.floor(random.next() * (max - min + 1));
    },
    chance: (p) => random.next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('random.pick: the list is empty');
      return items[Math.floor(random.next() * items.length)] as (typeof items)[number];
    },
    uuid() {
      const hex = Array.from({ length: 4 }, () => nextUint32().toString(16).padStart(8, '0')).join('');
      const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    fork: (label) => seededRandom(seedFrom(`${start}/${label}`)),
  };
  return random;
}
