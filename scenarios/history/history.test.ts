import { describe, expect, test } from '@jest/globals';
import { VirtualClock } from '../../harness/time/virtual-clock.ts';
import { createHistory } from './history.ts';

describe('createHistory', () => {
  test('stamps each event with the next seq and the run clock, in the order appended', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 5));
    const history = createHistory(clock);

    history.append({ event: 'sent', reportId: 'r1', meldingId: 'm1' });
    await clock.advance(250);
    const delivered = history.append({ event: 'delivered', meldingId: 'm1', deliveryCount: 0, redelivered: false });

    expect(delivered).toEqual({ event: 'delivered', meldingId: 'm1', deliveryCount: 0, redelivered: false, seq: 1, at: Date.UTC(2026, 0, 5) + 250 });
    expect(history.events().map((event) => [event.seq, event.event])).toEqual([
      [0, 'sent'],
      [1, 'delivered'],
    ]);
  });

  test('append-only: a recorded event cannot be changed afterwards', () => {
    const history = createHistory({ now: () => 0 });
    const event = history.append({ event: 'acked', meldingId: 'm1' });

    expect(() => {
      (event as { meldingId: string }).meldingId = 'm2';
    }).toThrow(TypeError);
    expect(history.events()[0]).toMatchObject({ meldingId: 'm1' });
  });

  test('the caller cannot change what was appended through the object it handed in', () => {
    const history = createHistory({ now: () => 0 });
    const body = { event: 'nacked' as const, meldingId: 'm1' };
    history.append(body);
    body.meldingId = 'changed';

    expect(history.events()[0]).toMatchObject({ meldingId: 'm1' });
  });

  test('toJsonLines: one JSON object per line, each ending in a newline', () => {
    const history = createHistory({ now: () => 42 });
    history.append({ event: 'acked', meldingId: 'm1' });
    history.append({ event: 'operation', op: 'dispatch', outcome: 'unknown', detail: 'timed out after 30 s' });

    expect(history.toJsonLines()).toBe(
      '{"event":"acked","meldingId":"m1","seq":0,"at":42}\n{"event":"operation","op":"dispatch","outcome":"unknown","detail":"timed out after 30 s","seq":1,"at":42}\n',
    );
  });
});
