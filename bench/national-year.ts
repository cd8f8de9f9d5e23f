// 2. A national year through services mode, measured from outside: the child's wall time and its
// peak resident memory (what the kernel counted, maxRSS), which no in-process figure can show.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { round1 } from './bench-kit.ts';
import { load } from './machine.ts';

export interface NationalYearResult {
  readonly reports: number;
  readonly valid: unknown;
  readonly finished: boolean;
  readonly reasons: readonly string[];
  readonly faults: readonly string[];
  readonly events: number;
  readonly wallS: number;
  readonly checkS: number;
  readonly peakRssMiB: number;
  readonly loadavg1: number;
  readonly goal: { readonly wallS: 30; readonly peakRssMiB: 1024; readonly reports: 56_802 };
}

export async function measureNationalYear(reports: number): Promise<NationalYearResult> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./national-year-child.ts', import.meta.url)), String(reports)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`bench national year: the child ended with code ${String(code)}; its last output: ${line.slice(0, 500)}`);
  const child_ = JSON.parse(line) as { reports: number; valid: unknown; finished: boolean; reasons: string[]; faults: string[]; events: number; wallMs: number; checkMs: number; peakRssMiB: number };
  return {
    reports: child_.reports,
    valid: child_.valid,
    finished: child_.finished,
    reasons: child_.reasons,
    faults: child_.faults,
    events: child_.events,
    wallS: round1(child_.wallMs / 1000),
    checkS: round1(child_.checkMs / 1000),
    peakRssMiB: child_.peakRssMiB,
    loadavg1: load().loadavg1,
    goal: { wallS: 30, peakRssMiB: 1024, reports: 56_802 },
  };
}
