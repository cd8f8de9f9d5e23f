// Which scenarios apply to which receiver: every one to an in-process receiver; to a black box
// only those whose faults reach it from outside; to a `url:` service none that must kill it.
import { describe, expect, test } from '@jest/globals';
import { SUITE, scenarioNamed } from '../../scenarios/suite/suite.ts';
import type { Scenario } from '../../scenarios/suite/scenario.ts';
import { referenceAdapter, type Adapter } from '../run/run-adapters.ts';
import { IN_PROCESS_ONLY, applicability } from './applicability.ts';

const blackBox = (canKill: boolean): Adapter => ({ ...referenceAdapter, name: canKill ? 'cmd:receiver' : 'url:http://127.0.0.1:9', blackBox: { canKill } });

function scenario(id: string): Scenario {
  const found = scenarioNamed(id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

describe('applicability', () => {
  test('an in-process receiver can be put through every scenario', () => {
    for (const each of SUITE) expect(applicability({ scenario: each, adapter: referenceAdapter, seed: '1' })).toEqual({ applies: true });
  });

  test('a command: every scenario of the suite applies (crashes, storage and broker faults at the fault proxy; large payloads and v1 seen there)', () => {
    for (const each of SUITE) expect([each.id, applicability({ scenario: each, adapter: blackBox(true), seed: '1' })]).toEqual([each.id, { applies: true }]);
  });

  test('a fault listed as in-process only does not apply to a black box, with what it needs', () => {
    IN_PROCESS_ONLY['v1-message'] = 'needs something only an in-process receiver has';
    try {
      const v1 = applicability({ scenario: scenario('v1-message'), adapter: blackBox(true), seed: '1' });
      expect(v1).toEqual({ applies: false, why: "v1-message acts inside the receiver's process (it needs something only an in-process receiver has)." });
      expect(applicability({ scenario: scenario('v1-message'), adapter: referenceAdapter, seed: '1' })).toEqual({ applies: true });
    } finally {
      delete IN_PROCESS_ONLY['v1-message'];
    }
  });

  test('a url: service: no scenario that kills or stops the receiver applies, and the reason says ackproof did not start it', () => {
    for (const id of ['crash-after-receipt', 'ttl-expiry-while-down']) {
      const result = applicability({ scenario: scenario(id), adapter: blackBox(false), seed: '1' });
      expect(result.applies).toBe(false);
      expect(!result.applies && result.why).toContain(`${id} must kill or stop the receiver, and ackproof cannot kill a receiver it did not start (url:http://127.0.0.1:9)`);
    }
    expect(applicability({ scenario: scenario('send-api-refused'), adapter: blackBox(false), seed: '1' })).toEqual({ applies: true });
    expect(applicability({ scenario: scenario('storage-reply-lost'), adapter: blackBox(false), seed: '1' })).toEqual({ applies: true });
  });

  test('decided on the schedule that runs: a typed schedule of applicable faults applies, whatever the scenario had', () => {
    const override = { faults: [{ fault: 'send-api-slow' as const }] };
    expect(applicability({ scenario: scenario('crash-after-commit'), adapter: blackBox(true), seed: '1', override })).toEqual({ applies: true });
    expect(Object.keys(IN_PROCESS_ONLY)).not.toContain('send-api-slow');
  });
});
