// The reference image build: idempotent (a second build with nothing changed imports nothing), the
// content digest on the image as a label, a tag of one's own builds a separate image, and bad
// arguments are refused with exit 2. That the image runs the receiver is shown by the launcher's
// tests (harness/adapters/image-launcher.containers.test.ts).
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { CONTENT_DIGEST_LABEL, buildReferenceImage } from './build-reference-image.ts';
import { REFERENCE_IMAGE } from './engine.ts';

function label(reference: string): string {
  return execFileSync('podman', ['image', 'inspect', '--format', `{{ index .Labels "${CONTENT_DIGEST_LABEL}" }}`, reference], { encoding: 'utf8' }).trim();
}

describe('containers/build-reference-image.ts', () => {
  test('a second build with nothing changed is up to date: same digest, nothing imported', async () => {
    const first = await buildReferenceImage();
    const again = await buildReferenceImage();
    expect(again).toMatchObject({ reference: REFERENCE_IMAGE, contentDigest: first.contentDigest, built: false });
    expect(label(REFERENCE_IMAGE)).toBe(first.contentDigest);
  }, 120_000);

  test('a tag of its own builds a separate image with the same content digest', async () => {
    const reference = `localhost/ackproof-reference:test-${process.pid}`;
    try {
      const built = await buildReferenceImage(reference);
      expect(built).toMatchObject({ reference, built: true });
      expect(label(reference)).toBe(built.contentDigest);
      expect(built.contentDigest).toBe(label(REFERENCE_IMAGE));
    } finally {
      execFileSync('podman', ['rmi', '--force', '--ignore', reference]);
    }
  }, 120_000);

  test('arguments it does not know: usage on stderr, exit 2, nothing built', () => {
    const result = spawnSync('node_modules/.bin/node', ['containers/build-reference-image.ts', '--push'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unexpected arguments \["--push"\]; usage: .*build-reference-image\.ts \[--tag <image reference>\]/);
  });
});
