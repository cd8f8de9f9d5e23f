// Orders test files for two workers: the slowest first, so the last minutes are not one worker
// running a long file while the other has nothing left (the run ends when its slowest worker does).
// jest's own order does this only with its timing cache; a clean clone has none, and then jest
// orders by file size, which puts the small files that certify many seeds last. So where jest has
// no timing for a file, the seconds below, measured on the 2-core CI machine, stand in for it.
// They only choose the order: a wrong or missing figure costs time, never a result. Files that
// failed last time still run first, as in jest's own order.
import type { Test } from '@jest/test-result';
import type sequencerExports from '@jest/test-sequencer';
import { createRequire } from 'node:module';
import { relative } from 'node:path';

// jest's own sequencer (it keeps the timing cache), taken as CommonJS: its ESM wrapper and its
// types disagree on what the default export is.
const { default: Sequencer } = createRequire(import.meta.url)('@jest/test-sequencer') as typeof sequencerExports;

const root = import.meta.dirname.replace(/\/harness\/testing$/, '');
/** jest's timing cache marks a file that failed with 0. */
const FAILED = 0;

/**
 * Seconds each slow file took in a full run in band (2026-12-02, a loaded machine: only the order
 * matters), the files over 15 s. A file split in two has the seconds of its tests in each part.
 */
export const MEASURED_SECONDS: Readonly<Record<string, number>> = {
  'harness/certify/certify-reference-1.test.ts': 385,
  'harness/certify/certify-reference-2.test.ts': 277,
  'harness/environments/database/pglite-template.test.ts': 73,
  'harness/cli/certify-command.test.ts': 71,
  'harness/certify/explore.services.test.ts': 63,
  'harness/adapters/image-launcher-certify.containers.test.ts': 61,
  'harness/run/run-reports.services.test.ts': 58,
  'examples/python/python-receivers.services.test.ts': 57,
  'harness/certify/replay-and-shrink.test.ts': 53,
  'harness/cli/run-command.test.ts': 48,
  'harness/adapters/black-box.services.test.ts': 47,
  'harness/cli/certify-out.test.ts': 46,
  'harness/certify/certify.services.test.ts': 44,
  'harness/cli/certify-command-reference.test.ts': 40,
  'providers/case-system/reference/receiver.test.ts': 33,
  'harness/run/run-reports.test.ts': 31,
  'harness/certify/explore.test.ts': 28,
  'scenarios/suite/random-faults.test.ts': 26,
  'providers/fiks-io/transport/amqp-transport.services.test.ts': 25,
  'providers/case-system/faulty/faulty-runs.test.ts': 23,
  'scenarios/checker/check-real-run.test.ts': 23,
  'harness/report/report-folder.test.ts': 22,
  'harness/environments/run-environment.test.ts': 21,
  'harness/adapters/image-launcher.containers.test.ts': 21,
  'providers/case-system/receipts.pact.test.ts': 20,
  'providers/case-system/read-back-api.pact.test.ts': 17,
};

export default class SlowestFirstSequencer extends Sequencer {
  override sort(tests: Array<Test>): Array<Test> {
    const known = new Map<Test, { readonly failed: boolean; readonly seconds: number }>();
    for (const test of tests) {
      const cached = this._getCache(test)[test.path];
      const seconds = cached === undefined ? (MEASURED_SECONDS[relative(root, test.path)] ?? 0) : cached[1] / 1000;
      known.set(test, { failed: cached?.[0] === FAILED, seconds });
    }
    const size = (test: Test): number => test.context.hasteFS.getSize(test.path) ?? 0;
    return [...tests].sort((a, b) => {
      const [first, second] = [known.get(a), known.get(b)];
      if (first?.failed !== second?.failed) return first?.failed === true ? -1 : 1;
      return (second?.seconds ?? 0) - (first?.seconds ?? 0) || size(b) - size(a);
    });
  }
}
