// `image:<reference>`: the receiver under test is a container image, started through testcontainers
// on whatever engine DOCKER_HOST names — on the project's machines Podman's Docker-compatible socket
// (containers/podman-setup.sh; no Docker engine and no registry there). The container runs with
// host networking, so the launch contract's 127.0.0.1 URLs (broker and database through the fault
// proxy, the send API, the read-back port) mean the same inside as outside.
//
// A crash is a crash: kill() sends SIGKILL to the container (never a stop with a grace period) and
// removes it; the next launch() starts a fresh container from the same image, on the same database.
// Every container carries labels naming the launcher that made it, so close() — and a test — can
// find and remove whatever is left, even a container whose start failed half-way.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { GenericContainer, ImageName, PullPolicy, getContainerRuntimeClient } from 'testcontainers';
import type { ContainerRuntimeClient, StartedTestContainer } from 'testcontainers';
import { BUILD_REFERENCE_IMAGE, PODMAN_SOCKET, REFERENCE_IMAGE } from '../../containers/engine.ts';
import type { LaunchedReceiver, ReceiverIdentity, ReceiverLauncher } from './receiver-launcher.ts';

/** Every container an image launcher starts carries this label (value: the image reference). */
export const IMAGE_LAUNCHER_LABEL = 'ackproof.image-launcher';
/** …and this one, unique per launcher, so one launcher's leftovers can be told from another's. */
export const LAUNCHER_SESSION_LABEL = 'ackproof.launcher-session';
/** …and the process id of the ackproof that started it, so a test can find what one CLI run left. */
export const LAUNCHER_PID_LABEL = 'ackproof.launcher-pid';

const BUILD_HINT: Readonly<Record<string, string>> = {
  [REFERENCE_IMAGE]: `build it with \`${BUILD_REFERENCE_IMAGE}\` (README, "Set up")`,
};

export interface ImageLauncherOptions {
  /** The adapter spec as given (`image:…`), for the report; `image:<image>` unless told. */
  readonly spec?: string;
  readonly image: string;
  /** How many lines of the container's output to keep for messages; 40 unless told. */
  readonly keepLines?: number;
}

export interface ImageLauncher extends ReceiverLauncher {
  /** The label value that marks this launcher's containers (LAUNCHER_SESSION_LABEL). */
  readonly session: string;
}

/** The launcher for `image:<reference>`; its identity has the image's digest from the first launch on. */
export function imageLauncher(reference: string): ImageLauncher {
  return newImageLauncher({ image: reference });
}

/**
 * The same, with the image's digest in its identity from the start when the engine has the image
 * (the adapter copies the identity into the report before anything is launched). Never rejects: a
 * missing image or an engine that does not answer is launch()'s clear error, where the adapter
 * turns it into "the receiver could not be started".
 */
export async function createImageLauncher(options: ImageLauncherOptions): Promise<ImageLauncher> {
  const launcher = newImageLauncher(options);
  await launcher.resolveDigest().catch(() => undefined);
  await removeOrphans().catch(() => undefined);
  return launcher;
}

/**
 * Removes containers an image launcher made in an ackproof process that no longer runs (killed
 * before its close(): there is no Ryuk here to do it). Resolves to the ids removed.
 */
export async function removeOrphans(): Promise<string[]> {
  const client = await runtimeClient();
  const labelled = await client.container.dockerode.listContainers({ all: true, filters: { label: [IMAGE_LAUNCHER_LABEL] } });
  const removed: string[] = [];
  for (const container of labelled) {
    const pid = Number(container.Labels[LAUNCHER_PID_LABEL]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || processRuns(pid)) continue;
    await client.container.dockerode
      .getContainer(container.Id)
      .remove({ force: true, v: true })
      .then(
        () => removed.push(container.Id),
        (error: unknown) => {
          if (!isStatus(error, 404)) throw error;
        },
      );
  }
  return removed;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function newImageLauncher(options: ImageLauncherOptions): ImageLauncher & { resolveDigest(): Promise<string> } {
  useLocalPodmanByDefault();
  const { image } = options;
  const spec = options.spec ?? `image:${image}`;
  const session = randomUUID();
  const keepLines = options.keepLines ?? 40;
  const running = new Set<LaunchedContainer>();
  let digest: string | undefined;
  let closed = false;

  return {
    kind: 'image',
    canKill: true,
    session,
    get identity(): ReceiverIdentity {
      return { kind: 'image', spec, image, ...(digest === undefined ? {} : { digest }) };
    },
    async resolveDigest() {
      digest ??= await imageDigest(await runtimeClient(), image);
      return digest;
    },
    async launch(environment) {
      if (closed) throw new Error(`image launcher for ${image}: closed; create a new one`);
      const client = await runtimeClient();
      digest ??= await imageDigest(client, image);
      const lines = keptLines(keepLines);
      let started: StartedTestContainer;
      try {
        started = await new GenericContainer(image)
          .withNetworkMode('host')
          .withEnvironment({ ...environment })
          .withLabels({ [IMAGE_LAUNCHER_LABEL]: image, [LAUNCHER_SESSION_LABEL]: session, [LAUNCHER_PID_LABEL]: String(process.pid) })
          // Removal is ours (kill() removes; close() sweeps by label), not the engine's: an
          // auto-removed container takes its exit code and its last words with it.
          .withAutoRemove(false)
          .withPullPolicy(PullPolicy.defaultPolicy())
          .withLogConsumer((stream: Readable) => lines.follow(stream))
          .start();
      } catch (error) {
        await removeByLabel(client, session).catch(() => undefined);
        throw new Error(`image ${image}: the container could not be started (${describe(error)}); nothing was left running`, { cause: error });
      }
      const launched = launchedContainer(client, started, image, lines);
      running.add(launched);
      void launched.exited.then(() => running.delete(launched));
      return launched;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running].map((each) => each.kill()));
      running.clear();
      const client = await runtimeClient().catch(() => undefined);
      if (client !== undefined) await removeByLabel(client, session);
    },
  };
}

interface LaunchedContainer extends LaunchedReceiver {
  readonly id: string;
}

function launchedContainer(client: ContainerRuntimeClient, started: StartedTestContainer, image: string, lines: KeptLines): LaunchedContainer {
  const id = started.getId();
  const container = client.container.getById(id);
  // wait() answers once the container's main process has ended, however it ended. The engine
  // reports death by signal N as 128 + N (137 = SIGKILL), so that is all there is to go on.
  const exited: Promise<string> = container.wait().then(
    (result: { StatusCode?: number }) => {
      const code = result.StatusCode ?? -1;
      if (code === 137) return 'signal SIGKILL';
      return code > 128 ? `exit code ${code} (signal ${code - 128})` : `exit code ${code}`;
    },
    (error: unknown) => `gone (${describe(error)})`,
  );
  let killing: Promise<void> | undefined;
  return {
    id,
    description: `container ${id.slice(0, 12)} (${image})`,
    exited,
    output: () => lines.text(),
    kill() {
      killing ??= (async () => {
        await container.kill({ signal: 'SIGKILL' }).catch((error: unknown) => {
          // Already ended by itself (409: not running): there is nothing left to kill.
          if (!isStatus(error, 409) && !isStatus(error, 404) && !isStatus(error, 500)) throw error;
        });
        await exited;
        await container.remove({ force: true, v: true }).catch((error: unknown) => {
          if (!isStatus(error, 404)) throw error;
        });
      })();
      return killing;
    },
  };
}

/**
 * With no DOCKER_HOST and Podman's root socket present, use it, and without Ryuk (testcontainers'
 * reaper container is an image pulled from a registry, which this machine kind does not have; the
 * launcher's close() and labels do its work). An explicit DOCKER_HOST or Ryuk setting is kept.
 */
function useLocalPodmanByDefault(): void {
  if (process.env['DOCKER_HOST'] !== undefined || !existsSync(PODMAN_SOCKET)) return;
  process.env['DOCKER_HOST'] = `unix://${PODMAN_SOCKET}`;
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
}

async function runtimeClient(): Promise<ContainerRuntimeClient> {
  try {
    return await getContainerRuntimeClient();
  } catch (error) {
    throw new Error(
      `no container engine answers (DOCKER_HOST=${process.env['DOCKER_HOST'] ?? '(not set)'}): ${describe(error)}. ` +
        `On a Debian machine, as root: containers/podman-setup.sh (installs Podman, starts its socket at ${PODMAN_SOCKET}); then DOCKER_HOST=unix://${PODMAN_SOCKET} TESTCONTAINERS_RYUK_DISABLED=true`,
      { cause: error },
    );
  }
}

/** The image's id (sha256:…), or a clear error when the engine has no such image. */
async function imageDigest(client: ContainerRuntimeClient, image: string): Promise<string> {
  const name = ImageName.fromString(image);
  if (!(await client.image.exists(name))) {
    const hint = BUILD_HINT[image] ?? `build or load it into the engine first (podman build / podman load / podman import), then check \`podman images\``;
    throw new Error(`image ${image} does not exist in the container engine at ${process.env['DOCKER_HOST'] ?? '(DOCKER_HOST not set)'}, and there is no registry to pull it from: ${hint}. Nothing was started.`);
  }
  const inspected = await client.image.inspect(name);
  return inspected.Id.startsWith('sha256:') ? inspected.Id : `sha256:${inspected.Id}`;
}

async function removeByLabel(client: ContainerRuntimeClient, session: string): Promise<void> {
  const leftovers = await client.container.dockerode.listContainers({ all: true, filters: { label: [`${LAUNCHER_SESSION_LABEL}=${session}`] } });
  for (const leftover of leftovers) {
    await client.container.dockerode
      .getContainer(leftover.Id)
      .remove({ force: true, v: true })
      .catch((error: unknown) => {
        if (!isStatus(error, 404)) throw error;
      });
  }
}

interface KeptLines {
  follow(stream: Readable): void;
  text(): string;
}

function keptLines(keep: number): KeptLines {
  const lines: string[] = [];
  let partial = '';
  return {
    follow(stream) {
      stream.on('data', (chunk: Buffer | string) => {
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts.map((line) => line.trimEnd()));
        if (lines.length > keep) lines.splice(0, lines.length - keep);
      });
      stream.on('error', () => undefined);
    },
    text: () => [...lines, ...(partial === '' ? [] : [partial])].join('\n'),
  };
}

function isStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === status;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

