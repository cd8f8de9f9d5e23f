// The requirements table: every requirement has a unique id, a quoted rule and a level, and some
// scenario of the suite checks it — a requirement nobody tests fails here, by id, before a report
// has to say it was not tested.
import { describe, expect, test } from '@jest/globals';
import { REQUIREMENT_TABLE, uncoveredRequirements } from './requirements.ts';
import { SUITE } from './suite.ts';

describe('the requirements table', () => {
  test('ids are unique and dotted; every rule is quoted with its source, reference and level', () => {
    const ids = REQUIREMENT_TABLE.map((requirement) => requirement.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const requirement of REQUIREMENT_TABLE) {
      expect(requirement.id).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
      expect(requirement.rule.length).toBeGreaterThan(10);
      expect(requirement.reference.length).toBeGreaterThan(0);
      expect(['SHALL', 'SHOULD']).toContain(requirement.level);
    }
  });

  test('every requirement is checked by at least one scenario of the suite', () => {
    expect(uncoveredRequirements(SUITE).map((requirement) => requirement.id)).toEqual([]);
  });

  test('a suite without the scenarios that name a requirement leaves it uncovered, by id', () => {
    const withoutPoison = SUITE.filter((scenario) => !scenario.requirements.some((requirement) => requirement.id === 'ks.never-nack'));
    expect(uncoveredRequirements(withoutPoison).map((requirement) => requirement.id)).toContain('ks.never-nack');
  });
});
