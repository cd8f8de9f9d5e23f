// The order two workers take the test files in: failed last time first, then the slowest, by
// jest's timing cache or else by the seconds measured in a full run, then the largest file.
import { describe, expect, test } from '@jest/globals';
import type { Test } from '@jest/test-result';
import { join, resolve } from 'node:path';
import SlowestFirstSequencer, { MEASURED_SECONDS } from './slowest-first-sequencer.ts';

const root = resolve(import.meta.dirname, '..', '..');
const sizes = new Map<string, number>();

/** A test file as jest hands it to a sequencer: its path and a context that knows its size. */
function file(path: string, bytes = 1000): Test {
  sizes.set(join(root, path), bytes);
  return { path: join(root, path), context: { config: { cache: false }, hasteFS: { getSize: (at: string) => sizes.get(at) } } } as unknown as Test;
}

/** The sequencer with jest's timing cache given: [0 = failed | 1 = passed, milliseconds] by path. */
function sequencer(cache: Record<string, [0 | 1, number]> = {}): SlowestFirstSequencer {
  const byPath = Object.fromEntries(Object.entries(cache).map(([path, entry]) => [join(root, path), entry]));
  return new (class extends SlowestFirstSequencer {
    override _getCache(): Record<string, [0 | 1, number] | undefined> {
      return byPath;
    }
  })({ contexts: [], globalConfig: {} } as never);
}

const order = (tests: Test[]): string[] => tests.map((each) => each.path.slice(root.length + 1));

describe('the slowest-first order', () => {
  test('without timings (a clean clone): the measured slow files first, slowest first, then the rest by size', () => {
    const tests = [file('a/small.test.ts', 100), file('harness/cli/certify-command.test.ts', 50), file('a/large.test.ts', 9000), file('harness/certify/certify-reference-2.test.ts', 10), file('harness/certify/certify-reference-1.test.ts', 10)];
    expect(order(sequencer().sort(tests))).toEqual([
      'harness/certify/certify-reference-1.test.ts',
      'harness/certify/certify-reference-2.test.ts',
      'harness/cli/certify-command.test.ts',
      'a/large.test.ts',
      'a/small.test.ts',
    ]);
  });

  test("jest's timing cache wins over the measured seconds, and a file that failed last time runs first", () => {
    const tests = [file('harness/certify/certify-reference-1.test.ts'), file('a/quick.test.ts'), file('a/broken.test.ts'), file('a/grown.test.ts')];
    const cache: Record<string, [0 | 1, number]> = {
      'harness/certify/certify-reference-1.test.ts': [1, 2_000],
      'a/quick.test.ts': [1, 100],
      'a/broken.test.ts': [0, 50],
      'a/grown.test.ts': [1, 900_000],
    };
    expect(order(sequencer(cache).sort(tests))).toEqual(['a/broken.test.ts', 'a/grown.test.ts', 'harness/certify/certify-reference-1.test.ts', 'a/quick.test.ts']);
  });

  test('every measured file exists, so a rename cannot silently drop a slow file to the end', async () => {
    const { access } = await import('node:fs/promises');
    const missing: string[] = [];
    for (const path of Object.keys(MEASURED_SECONDS)) await access(join(root, path)).catch(() => missing.push(path));
    expect(missing).toEqual([]);
  });
});
