// The terminal: colour only on a TTY and never with NO_COLOR; live progress only on a TTY outside
// CI; the live line says scenario n of N, reports through and the time left, and is rewritten in
// place; off a TTY, one plain line per scenario and no escape codes at all.
import { describe, expect, test } from '@jest/globals';
import type { CertifiedScenario } from '../../certify/certify.ts';
import { certifyProgress } from './certify-progress.ts';
import { colourCertificationText, colourWanted, liveProgressWanted } from './terminal-style.ts';

function finished(id: string, reports: number, valid: true | false): CertifiedScenario {
  return { scenario: { id }, result: { valid, wallMs: 1000, schedule: { reports, faults: [] } }, replay: '' } as unknown as CertifiedScenario;
}

const PLANNED = [
  { id: 'ordinary-day', reports: 10 },
  { id: 'crash-after-commit', reports: 10 },
  { id: 'burst', reports: 20 },
];

describe('terminal style', () => {
  test('colour: on a TTY unless NO_COLOR is set or the terminal is dumb; never off a TTY', () => {
    expect(colourWanted({ isTTY: true, env: {} })).toBe(true);
    expect(colourWanted({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colourWanted({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(colourWanted({ isTTY: false, env: {} })).toBe(false);
  });

  test('live progress: on a TTY outside CI only', () => {
    expect(liveProgressWanted({ isTTY: true, env: {} })).toBe(true);
    expect(liveProgressWanted({ isTTY: true, env: { CI: 'true' } })).toBe(false);
    expect(liveProgressWanted({ isTTY: false, env: {} })).toBe(false);
  });

  test('the certification text keeps its words when coloured; the verdict line is painted', () => {
    const text = '  ✗ storage-outage           FAILS      x\n\nNOT CERTIFIED: 1 of 1 scenarios fail';
    const coloured = colourCertificationText(text);
    expect(coloured).toContain('\x1b[31;1mNOT CERTIFIED: 1 of 1 scenarios fail\x1b[0m');
    expect(coloured.split('\u001b').map((part, index) => (index === 0 ? part : part.replace(/^\[[\d;]*m/, ''))).join('')).toBe(text);
  });
});

describe('certify progress', () => {
  test('live: scenario n of N, reports through, time left; the status line is rewritten in place', () => {
    const written: string[] = [];
    let now = 0;
    const progress = certifyProgress({ write: (text) => written.push(text), planned: PLANNED, live: true, colour: false, now: () => now });
    expect(written.join('')).toContain('[1/3] ordinary-day · 0 of 40 reports through · estimating time left');
    now = 5000;
    progress.onScenario(finished('ordinary-day', 10, true));
    const after = written.join('');
    expect(after).toContain('ackproof certify: ✓ ordinary-day');
    // 10 reports took 5 s: 30 to go, about 15 s.
    expect(after).toContain('[2/3] crash-after-commit · 10 of 40 reports through · about 15 s left');
    expect(after).toContain('\r\x1b[K');
    progress.finish();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  test('not live (a pipe, CI): one plain line per scenario, no escape codes', () => {
    const written: string[] = [];
    const progress = certifyProgress({ write: (text) => written.push(text), planned: PLANNED, live: false, colour: false, now: () => 0 });
    progress.onScenario(finished('ordinary-day', 10, true));
    progress.onScenario(finished('crash-after-commit', 10, false));
    progress.finish();
    expect(written).toEqual(['ackproof certify: ✓ ordinary-day (1.0 s)\n', 'ackproof certify: ✗ crash-after-commit (1.0 s)\n']);
  });
});
