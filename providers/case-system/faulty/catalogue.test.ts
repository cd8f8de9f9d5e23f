// The catalogue itself: complete entries, unique kebab-case names, a verdict the checker knows, and
// each receiver a real departure from the reference — some step replaced, the rest the reference's.
// Also: every entry runs as the adapter `faulty:<name>`, and a wrong name is refused with the list.
import { describe, expect, test } from '@jest/globals';
import { ADAPTERS, adapterNamed, findAdapter } from '../../../harness/run/run-adapters.ts';
import { VERDICTS } from '../../../scenarios/checker/verdicts.ts';
import { referenceSteps } from '../reference/case-store.ts';
import { referenceReceiverSteps } from '../reference/receiver-steps.ts';
import { FAULTY_RECEIVERS, RULES, faultyReceiver } from './index.ts';

/** The steps of the variant that are not the reference's own functions. */
function replacedSteps(name: string): string[] {
  const { steps, storeSteps } = faultyReceiver(name).variant();
  const replaced = (ours: object | undefined, reference: object): string[] =>
    ours === undefined ? [] : Object.entries(ours).flatMap(([step, fn]) => (fn === (reference as Record<string, unknown>)[step] ? [] : [step]));
  return [...replaced(steps, referenceReceiverSteps), ...replaced(storeSteps, referenceSteps)];
}

describe('the catalogue of faulty receivers', () => {
  test('the fourteen of the design, each with every field filled in, names unique and kebab-case', () => {
    expect(FAULTY_RECEIVERS.map((receiver) => receiver.name)).toEqual([
      'receipt-before-commit',
      'receipt-despite-storage-failure',
      'ack-before-commit',
      'nack-on-error',
      'always-ack-without-feilet',
      'not-idempotent',
      'wrong-correlation',
      'misroute',
      'truncates-long-texts',
      'mangles-norwegian-letters',
      'drops-pdf',
      'ignores-dokumentlager',
      'rejects-v1',
      'write-behind-cache',
    ]);
    for (const receiver of FAULTY_RECEIVERS) {
      expect(receiver.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(receiver.description.length).toBeGreaterThan(20);
      expect(receiver.description).not.toContain('\n');
      expect(Object.values(RULES)).toContain(receiver.rule);
      expect(VERDICTS).toContain(receiver.expectedVerdict);
      expect(receiver.needsFault === null || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(receiver.needsFault)).toBe(true);
    }
  });

  test.each(FAULTY_RECEIVERS.map((receiver) => receiver.name))('%s replaces one or two steps of the reference and keeps the rest', (name) => {
    const replaced = replacedSteps(name);
    expect(replaced.length).toBeGreaterThanOrEqual(1);
    expect(replaced.length).toBeLessThanOrEqual(2);
  });

  test('a variant with state gets fresh state per receiver: two receivers never share steps', () => {
    const [first, second] = [1, 2].map(() => faultyReceiver('wrong-correlation').variant().steps);
    expect(first).toBeDefined();
    expect(first === second || first?.parse === second?.parse).toBe(false);
  });

  test('faultyReceiver refuses a name it does not know, listing the ones it does', () => {
    expect(faultyReceiver('drops-pdf').expectedVerdict).toBe('lost');
    expect(() => faultyReceiver('drops-the-ball')).toThrow(/^faultyReceiver: no faulty receiver named "drops-the-ball"; the faulty receivers are: receipt-before-commit, .*write-behind-cache$/);
  });
});

describe('faulty receivers as adapters', () => {
  test('every entry is the adapter faulty:<name>, beside the reference', () => {
    expect(Object.keys(ADAPTERS)).toEqual(['reference', ...FAULTY_RECEIVERS.map((receiver) => `faulty:${receiver.name}`)]);
    for (const receiver of FAULTY_RECEIVERS) {
      const adapter = findAdapter(`faulty:${receiver.name}`);
      expect(adapter.name).toBe(`faulty:${receiver.name}`);
      expect(adapter.description).toContain(receiver.description);
      expect(adapterNamed(`faulty:${receiver.name}`)).toBe(adapter);
    }
    expect(findAdapter('reference').name).toBe('reference');
  });

  test('findAdapter refuses an unknown name, listing the adapters; for faulty:<unknown> it says where the list is', () => {
    expect(() => findAdapter('nope')).toThrow('findAdapter: no adapter named "nope"; the adapters are: reference, faulty:receipt-before-commit,');
    expect(() => findAdapter('faulty:nope')).toThrow('There is no faulty receiver "nope"; `npx ackproof faults` lists them.');
    expect(adapterNamed('drops-pdf')).toBeUndefined();
  });
});
