// `ackproof certify --adapter reference` as a user runs it: a child process through
// bin/ackproof.js; the reference is certified (exit 0). Apart from certify-command.test.ts only so
// that two jest workers share the two full certifications.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';

const projectRoot = resolve(import.meta.dirname, '..', '..');

describe('ackproof certify', () => {
  test(
    'reference: exit 0, every scenario holds',
    () => {
      const child = spawnSync(process.execPath, ['bin/ackproof.js', 'certify', '--adapter', 'reference'], { cwd: projectRoot, encoding: 'utf8', timeout: 170_000 });
      if (child.error) throw child.error;
      expect(child.stdout).toMatch(/\nCERTIFIED: all 20 scenarios hold/);
      expect(child.stdout).not.toContain('✗');
      expect(child.status).toBe(0);
    },
    180_000,
  );
});
