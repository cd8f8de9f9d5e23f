// `ackproof faults`, run for real as a child process: one line per faulty receiver, the catalogue
// as JSON with --json, exit 2 for what it does not take.
import { describe, expect, test } from '@jest/globals';
import { FAULTY_RECEIVERS } from '../../providers/case-system/faulty/index.ts';
import { runAckproof } from './cli-process.ts';

describe('ackproof faults', () => {
  test('lists every faulty receiver, one line each: name — description — expected verdict; exit 0', () => {
    const outcome = runAckproof(['faults']);

    expect(outcome.status).toBe(0);
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(FAULTY_RECEIVERS.length);
    for (const [index, receiver] of FAULTY_RECEIVERS.entries()) {
      expect(lines[index]).toMatch(new RegExp(`^${receiver.name} — .+ — ${receiver.expectedVerdict}( \\(shows with fault: [a-z0-9-]+\\))?$`));
      expect(lines[index]).toContain(receiver.description);
    }
  });

  test('--json: the catalogue with name, description, rule, expectedVerdict and needsFault', () => {
    const outcome = runAckproof(['faults', '--json']);

    expect(outcome.status).toBe(0);
    const catalogue = JSON.parse(outcome.stdout) as unknown;
    expect(catalogue).toEqual(
      FAULTY_RECEIVERS.map(({ name, description, rule, expectedVerdict, needsFault }) => ({ name, description, rule, expectedVerdict, needsFault })),
    );
    expect((catalogue as { name: string }[]).map((entry) => entry.name)).toContain('receipt-despite-storage-failure');
  });

  test('an unknown option or an argument: exit 2 with the usage', () => {
    const unknown = runAckproof(['faults', '--verbose']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--verbose'");
    expect(unknown.stderr).toContain('Usage: ackproof faults [--json]');

    expect(runAckproof(['faults', 'lost']).status).toBe(2);
  });

  test('--help shows the usage and how to run one; the main help lists the command', () => {
    expect(runAckproof(['faults', '--help']).stdout).toContain('ackproof run --adapter faulty:<name>');
    expect(runAckproof(['--help']).stdout).toMatch(/^ {2}faults {8}list the catalogue of faulty receivers/m);
  });
});
