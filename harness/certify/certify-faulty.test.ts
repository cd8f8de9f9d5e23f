// Every faulty receiver in the catalogue is NOT certified, by the scenarios that inject the fault
// it needs (the ordinary day for one that needs none), and the checker names the category of
// failure its fault should produce. The reference holds in every one of those scenarios (see
// certify-reference.test.ts), so what fails here is the receiver, not the scenario.
import { afterAll, describe, expect, test } from '@jest/globals';
import { FAULTY_RECEIVERS } from '../../providers/case-system/faulty/index.ts';
import { FAILING_VERDICTS, type Verdict } from '../../scenarios/checker/index.ts';
import { scenariosUsing } from '../../scenarios/suite/suite.ts';
import { createEmbeddedDatabasePool } from '../environments/database/index.ts';
import { findAdapter } from '../run/run-adapters.ts';
import { type Certification, certify } from './certify.ts';

const pool = createEmbeddedDatabasePool();
afterAll(() => pool.close());

/** The categories that made the certification fail: failing verdicts, and verdicts a scenario does not allow. */
function failingCategories(certification: Certification): Set<Verdict> {
  const categories = new Set<Verdict>();
  for (const { result } of certification.scenarios) {
    if (result.valid !== false) continue;
    for (const verdict of FAILING_VERDICTS) if (result.check.counts[verdict] > 0) categories.add(verdict);
    for (const { verdict } of result.unexpected) categories.add(verdict);
  }
  return categories;
}

const certifications = new Map<string, Promise<Certification>>();
function certified(name: string, needsFault: string | null): Promise<Certification> {
  let made = certifications.get(name);
  if (made === undefined) {
    made = certify({ adapter: findAdapter(`faulty:${name}`), environment: 'embedded', seed: `faulty ${name}`, scenarios: scenariosUsing(needsFault), databasePool: pool });
    certifications.set(name, made);
  }
  return made;
}

describe('every faulty receiver is not certified, in the category its fault should produce', () => {
  for (const faulty of FAULTY_RECEIVERS) {
    const scenarios = scenariosUsing(faulty.needsFault).map((scenario) => scenario.id).join(', ');
    test(
      `${faulty.name} (${scenarios}): not certified, ${faulty.expectedVerdict}`,
      async () => {
        const certification = await certified(faulty.name, faulty.needsFault);
        expect(certification.verdict).toBe('not certified');
        expect([...failingCategories(certification)]).toContain(faulty.expectedVerdict);
      },
      60_000,
    );
  }
});
