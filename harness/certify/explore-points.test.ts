// The fault points: every boundary's single faults pinned to one occurrence, and the boundary
// counts read from a fault-free history.
import { describe, expect, test } from '@jest/globals';
import { faultPackage, resolveParams } from '../../scenarios/faults/index.ts';
import type { HistoryEvent } from '../../scenarios/history/index.ts';
import { BOUNDARIES, POINT_KINDS, boundaryCounts, pointsAt } from './explore-points.ts';

describe('fault points', () => {
  test('each boundary has a crash and its single faults, with the occurrence pinned in the fault\'s own parameter', () => {
    expect(pointsAt('commit', 2)).toEqual([
      { boundary: 'commit', occurrence: 2, label: 'crash at commit #2', plan: { fault: 'crash-after-commit', params: { nth: 2 } } },
      { boundary: 'commit', occurrence: 2, label: 'commit refused (database outage) at commit #2', plan: { fault: 'storage-outage', params: { from: 2, count: 1 } } },
      { boundary: 'commit', occurrence: 2, label: 'commit reply lost at commit #2', plan: { fault: 'storage-reply-lost', params: { from: 2, count: 1 } } },
    ]);
    for (const boundary of BOUNDARIES) {
      expect(POINT_KINDS[boundary][0]?.fault).toBe(`crash-after-${boundary}`);
      // Every parameter named is one the fault has: a typo would silently fall back to its default.
      for (const point of pointsAt(boundary, 1)) expect(() => resolveParams(faultPackage(point.plan.fault), point.plan.params)).not.toThrow();
    }
  });

  test('boundary counts: deliveries and acks at the broker, the receiver\'s own receipts (not the platform\'s)', () => {
    const stamp = (seq: number) => ({ seq, at: seq });
    const events: HistoryEvent[] = [
      { event: 'delivered', meldingId: 'm1', deliveryCount: 0, redelivered: false, ...stamp(1) },
      { event: 'delivered', meldingId: 'm2', deliveryCount: 0, redelivered: false, ...stamp(2) },
      { event: 'receipt', kind: 'mottatt', svarTil: 'm1', meldingId: 'r1', ...stamp(3) },
      { event: 'receipt', kind: 'feilet', svarTil: 'm2', meldingId: 'r2', ...stamp(4) },
      { event: 'receipt', kind: 'serverfeil', svarTil: 'm3', meldingId: 'r3', ...stamp(5) },
      { event: 'acked', meldingId: 'm1', ...stamp(6) },
    ];
    expect(boundaryCounts(events)).toEqual({ delivery: 2, receipt: 2, ack: 1 });
  });
});
