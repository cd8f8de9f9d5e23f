// The image launcher on Podman (through testcontainers) with the reference image
// (localhost/ackproof-reference:dev, containers/build-reference-image.ts) and a launch environment
// made by hand from the services (providers/case-system/reference/launch-test-kit.ts). It starts
// the container, the receiver in it takes reports; kill() is a SIGKILL and removes the container;
// launch() again starts a fresh one on the same database, which finds what was stored. After
// close(), no container of the launcher is left (`podman ps -a` by its label). An image that does
// not exist is a clear error, and leaves no container either.
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { buildReferenceImage } from '../../containers/build-reference-image.ts';
import { REFERENCE_IMAGE } from '../../containers/engine.ts';
import { type LaunchRun, openLaunchRun, until, untilReady } from '../../providers/case-system/reference/launch-test-kit.ts';
import { createReadBackClient } from '../../providers/portal/read-back-client.ts';
import { LAUNCH_VARIABLES } from './launch-contract.ts';
import { IMAGE_LAUNCHER_LABEL, type ImageLauncher, LAUNCHER_PID_LABEL, LAUNCHER_SESSION_LABEL, createImageLauncher, imageLauncher, removeOrphans } from './image-launcher.ts';
import type { LaunchedReceiver } from './receiver-launcher.ts';

let run: LaunchRun | undefined;
const launchers: ImageLauncher[] = [];

afterEach(async () => {
  for (const launcher of launchers.splice(0)) await launcher.close();
  await run?.close();
  run = undefined;
});

/** Containers (running or not) that carry the launcher's session label, as `podman ps -a` lists them. */
function containersOf(launcher: ImageLauncher): string[] {
  const listed = execFileSync('podman', ['ps', '-a', '--filter', `label=${LAUNCHER_SESSION_LABEL}=${launcher.session}`, '--format', '{{.ID}} {{.Status}}'], { encoding: 'utf8' });
  return listed.split('\n').filter((line) => line.trim() !== '');
}

function track(launcher: ImageLauncher): ImageLauncher {
  launchers.push(launcher);
  return launcher;
}

async function ready(launched: LaunchRun, receiver: LaunchedReceiver): Promise<void> {
  let ended: string | undefined;
  void receiver.exited.then((how) => {
    ended = how;
  });
  await untilReady(launched.readBackUrl, () => ended, () => receiver.output());
}

// The image under test is the one the sources make now: rebuilt when they changed (about 1 s when not).
beforeAll(() => buildReferenceImage(), 120_000);

describe('image launcher (Podman via testcontainers)', () => {
  test('starts the reference image, kills it (SIGKILL, container removed), starts a fresh container on the same database; close() leaves no container', async () => {
    run = await openLaunchRun('image launcher');
    const launched = run;
    const launcher = track(imageLauncher(REFERENCE_IMAGE));
    expect(launcher.canKill).toBe(true);
    const imageId = execFileSync('podman', ['image', 'inspect', '--format', '{{.Id}}', REFERENCE_IMAGE], { encoding: 'utf8' }).trim();
    expect((await createImageLauncher({ image: REFERENCE_IMAGE })).identity.digest).toBe(`sha256:${imageId}`);

    const first = await launcher.launch(launched.launch);
    expect(first.description).toMatch(/^container [0-9a-f]{12} \(localhost\/ackproof-reference:dev\)$/);
    expect(launcher.identity).toEqual({ kind: 'image', spec: `image:${REFERENCE_IMAGE}`, image: REFERENCE_IMAGE, digest: `sha256:${imageId}` });
    await ready(launched, first);
    expect(containersOf(launcher)).toHaveLength(1);
    const before = await launched.sendReports('image before the kill', 3);
    await until('mottatt from the container', () => before.every(({ meldingId }) => launched.mottatt.includes(meldingId)), () => first.output());

    await first.kill();
    expect(await first.exited).toBe('signal SIGKILL');
    expect(containersOf(launcher)).toEqual([]);
    await expect(fetch(`${launched.readBackUrl}/ackproof/v1/ready`)).rejects.toThrow();
    const meanwhile = await launched.sendReports('image while it is down', 2);

    const second = await launcher.launch(launched.launch);
    expect(second.description).not.toBe(first.description);
    await ready(launched, second);
    await until('mottatt from the fresh container', () => meanwhile.every(({ meldingId }) => launched.mottatt.includes(meldingId)), () => second.output());
    const readBack = createReadBackClient(launched.readBackUrl);
    for (const report of [...before, ...meanwhile]) {
      const stored = await readBack.read(report.bekymringsmeldingId);
      expect(stored.found && { content: stored.readBack.bekymringsmelding, cases: stored.readBack.antallSaker }).toEqual({ content: report.content, cases: 1 });
    }
    // The receiver's own lines reach output(): what a failure message shows.
    expect(second.output()).toMatch(/ackproof-reference: consuming/);

    await launcher.close();
    expect(await second.exited).toBe('signal SIGKILL');
    expect(containersOf(launcher)).toEqual([]);
  });

  test('a container that ends by itself reports how (exit code 2, its message in the output), and close() removes it', async () => {
    const launcher = track(imageLauncher(REFERENCE_IMAGE));
    const launched = await launcher.launch({ [LAUNCH_VARIABLES.readBackPort]: 'not a port' } as never);
    expect(await launched.exited).toBe('exit code 2');
    await until('the message in the output', () => /ACKPROOF_READ_BACK_PORT: "not a port" is not a TCP port/.test(launched.output()), () => launched.output());
    await launcher.close();
    expect(containersOf(launcher)).toEqual([]);
  });

  test('an image that does not exist: a clear message saying what to do, and no container left', async () => {
    const image = 'localhost/ackproof-no-such-image:dev';
    const launcher = track(await createImageLauncher({ spec: `image:${image}`, image }));
    expect(launcher.identity).toEqual({ kind: 'image', spec: `image:${image}`, image });
    await expect(launcher.launch({} as never)).rejects.toThrow(
      /^image localhost\/ackproof-no-such-image:dev does not exist in the container engine at .*, and there is no registry to pull it from: build or load it .*Nothing was started\.$/,
    );
    expect(containersOf(launcher)).toEqual([]);
    const listed = execFileSync('podman', ['ps', '-a', '--filter', `label=${IMAGE_LAUNCHER_LABEL}=${image}`, '--format', '{{.ID}}'], { encoding: 'utf8' });
    expect(listed.trim()).toBe('');
  });

  test("containers left by an ackproof process that is gone (killed before close) are removed; a running one's are kept", async () => {
    const gone = spawnSync('true').pid;
    const create = (pid: number): string =>
      execFileSync('podman', ['create', '--label', `${IMAGE_LAUNCHER_LABEL}=${REFERENCE_IMAGE}`, '--label', `${LAUNCHER_PID_LABEL}=${pid}`, REFERENCE_IMAGE], { encoding: 'utf8' }).trim();
    const orphan = create(gone);
    const kept = create(process.pid);
    try {
      const removed = await removeOrphans();
      expect(removed).toContain(orphan);
      expect(removed).not.toContain(kept);
      expect(execFileSync('podman', ['ps', '-a', '--filter', `id=${orphan}`, '--format', '{{.ID}}'], { encoding: 'utf8' }).trim()).toBe('');
    } finally {
      execFileSync('podman', ['rm', '--force', '--ignore', orphan, kept]);
    }
  });
});
