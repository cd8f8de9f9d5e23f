// The top of the command line, run for real: usage, unknown commands and exit codes.
import { describe, expect, test } from '@jest/globals';
import { runAckproof } from './cli-process.ts';
import { commands } from './commands.ts';

describe('ackproof', () => {
  test('--help lists every command and exits 0', () => {
    const outcome = runAckproof(['--help']);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain('Usage: ackproof <command> [options]');
    for (const name of Object.keys(commands)) expect(outcome.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  test('no command: exit 2, with the usage', () => {
    const outcome = runAckproof([]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('ackproof: no command given.');
    expect(outcome.stderr).toContain('Usage: ackproof <command> [options]');
  });

  test('an unknown command: exit 2, naming it and the commands there are', () => {
    const outcome = runAckproof(['certifiy']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('ackproof: unknown command "certifiy"; the commands are: validate');
  });

  test('every command loads and answers --help with exit 0', async () => {
    for (const [name, entry] of Object.entries(commands)) {
      const module = await entry.load();
      expect(module.usage).toMatch(new RegExp(`^Usage: ackproof ${name}`));
      expect(runAckproof([name, '--help']).status).toBe(0);
    }
  });
});
