// Before the containers tier's tests start (jest's globalSetup for that project: run once, in the
// main process, and only when containers tests were selected), brings the reference image up to
// date with the sources. Its tests build it too (beforeAll), but with two jest workers two of those
// builds can run at once and move the image's tag under a test that has just read the image's id;
// built here first, every later build finds it up to date and imports nothing. Run as the build's
// own command line (a child process), as CI runs it: jest's module hooks stay out of it.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const root = dirname(dirname(import.meta.dirname));

export default async function buildReferenceImageFirst(): Promise<void> {
  try {
    await promisify(execFile)(join(root, 'node_modules/.bin/node'), ['containers/build-reference-image.ts'], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`ackproof: the reference image could not be built before the containers tier: ${stderr?.trim() || String(error)}`, { cause: error });
  }
}
