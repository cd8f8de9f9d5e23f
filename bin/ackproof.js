#!/usr/bin/env node
// ackproof's sources are TypeScript run by Node's own type stripping (Node >= 22.18). Where the
// Node that started us is older (a machine's Node 20, say), hand over to the current Node that the
// `node` devDependency installs, instead of failing with a syntax error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.features.typescript) {
  await import('../harness/cli/main.ts');
} else {
  const bundled = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(bundled)) {
    process.stderr.write(
      `ackproof: Node ${process.versions.node} cannot run ackproof (it needs Node 22.18 or newer, with type stripping).\n` +
        '  Run `npm ci` in the ackproof folder (it installs a current Node), or install Node 24 or newer.\n',
    );
    process.exit(2);
  }
  const child = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 3);
}
