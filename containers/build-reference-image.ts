// Builds the reference receiver's container image, localhost/ackproof-reference:dev, on this machine
// with Podman and no registry (there is none here, and no base image to pull):
//
//   node_modules/.bin/node containers/build-reference-image.ts [--tag <reference>]
//
// The image is a root file system made by hand and given to `podman import`: the project's own
// Node binary (the `node` devDependency), the shared libraries `ldd` lists for it, and the receiver
// (providers/case-system/reference/main.ts) bundled by esbuild into one .mjs file, so the image
// holds no node_modules. The JSON files the contract code reads at run time (the schemas, the
// message-type catalogue) are copied beside the bundle, in the layout the code expects.
//
// Idempotent and fast: the image carries a label with the digest of its content; when an image
// with the same digest is already there, nothing is imported (prints "up to date").
// Exit codes: 0 built or up to date; 2 bad arguments; 1 the build failed (the message says where).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { REFERENCE_IMAGE } from './engine.ts';

export const CONTENT_DIGEST_LABEL = 'ackproof.content-digest';

const ROOT = dirname(import.meta.dirname);
const ENTRY = join(ROOT, 'providers/case-system/reference/main.ts');
const NODE_BINARY = join(ROOT, 'node_modules/node/bin/node');
const BUNDLE_IN_IMAGE = '/app/ackproof-reference.mjs';
const NODE_IN_IMAGE = '/usr/local/bin/node';
/** What the contract code reads from disk next to its own source (import.meta.dirname), kept in the repo's layout. */
const RUNTIME_FILES = ['contracts/message-types.json', 'contracts/schemas'];

const CHANGES = [
  `ENTRYPOINT ["${NODE_IN_IMAGE}", "${BUNDLE_IN_IMAGE}"]`,
  'WORKDIR /app',
  'STOPSIGNAL SIGTERM',
  'LABEL org.opencontainers.image.title="ackproof reference receiver"',
];

export interface BuiltImage {
  readonly reference: string;
  readonly contentDigest: string;
  readonly built: boolean;
  readonly seconds: number;
}

export async function buildReferenceImage(reference: string = REFERENCE_IMAGE): Promise<BuiltImage> {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'ackproof-image-'));
  try {
    const rootfs = join(work, 'rootfs');
    await bundleReceiver(join(rootfs, BUNDLE_IN_IMAGE));
    for (const path of RUNTIME_FILES) copyTree(join(ROOT, path), join(rootfs, 'app', path));
    copyNodeWithLibraries(rootfs);
    mkdirSync(join(rootfs, 'tmp'), { recursive: true });
    chmodSync(join(rootfs, 'tmp'), 0o1777);
    const contentDigest = digestTree(rootfs, CHANGES);
    if (labelOf(reference) === contentDigest) return { reference, contentDigest, built: false, seconds: (performance.now() - started) / 1000 };
    const previousId = imageId(reference);
    const tar = join(work, 'rootfs.tar');
    run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-cf', tar, '-C', rootfs, '.']);
    const changes = [...CHANGES, `LABEL ${CONTENT_DIGEST_LABEL}="${contentDigest}"`].flatMap((change) => ['--change', change]);
    run('podman', ['import', '--quiet', ...changes, tar, reference]);
    // The tag moved to the new image; the old one would only take space.
    if (previousId !== undefined && previousId !== imageId(reference)) tryRun('podman', ['rmi', previousId]);
    return { reference, contentDigest, built: true, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function bundleReceiver(outfile: string): Promise<void> {
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
    // pg's optional native binding is never used (pg's pure JS client is).
    external: ['pg-native'],
    // CommonJS dependencies (amqplib, pg) require Node's own modules; an ES module has no require.
    banner: { js: "import { createRequire as __ackproofCreateRequire } from 'node:module'; const require = __ackproofCreateRequire(import.meta.url);" },
    plugins: [
      {
        name: 'source-dirname',
        // The bundle lives in /app; a module that reads files beside its source finds them at
        // /app/<its folder in the repo>/, where RUNTIME_FILES are copied.
        setup(builder) {
          builder.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            if (!source.includes('import.meta.dirname')) return undefined;
            const folder = relative(ROOT, dirname(args.path));
            return { contents: source.replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify(`/${folder}`)})`), loader: 'ts' };
          });
        },
      },
    ],
  });
}

/** The Node binary and every shared library ldd lists for it, each at the path the loader looks in. */
function copyNodeWithLibraries(rootfs: string): void {
  const binary = realpathSync(NODE_BINARY);
  const version = run(binary, ['--version']).trim();
  if (!version.startsWith('v26.')) throw new Error(`build-reference-image: ${binary} is Node ${version}, expected 26 (the project's node devDependency); run npm ci`);
  copyFile(binary, join(rootfs, NODE_IN_IMAGE), 0o755);
  for (const line of run('ldd', [binary]).split('\n')) {
    // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"; linux-vdso has no file.
    const path = /=>\s*(\/\S+)/.exec(line)?.[1] ?? /^\s*(\/\S+)\s+\(/.exec(line)?.[1];
    if (path !== undefined) copyFile(realpathSync(path), join(rootfs, path), 0o755);
  }
}

function copyFile(from: string, to: string, mode: number): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  chmodSync(to, mode);
}

function copyTree(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    for (const entry of readdirSync(from)) copyTree(join(from, entry), join(to, entry));
  } else {
    copyFile(from, to, 0o644);
  }
}

/** sha256 over every file's path, mode and content, in name order, and the image's settings. */
function digestTree(rootfs: string, changes: readonly string[]): string {
  const hash = createHash('sha256');
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      const stat = statSync(path);
      hash.update(`${relative(rootfs, path)}\0${(stat.mode & 0o7777).toString(8)}\0`);
      if (stat.isDirectory()) walk(path);
      else hash.update(createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(rootfs);
  hash.update(changes.join('\n'));
  return `sha256:${hash.digest('hex')}`;
}

function labelOf(reference: string): string | undefined {
  const inspected = tryRun('podman', ['image', 'inspect', '--format', `{{ index .Labels "${CONTENT_DIGEST_LABEL}" }}`, reference]);
  return inspected?.trim() || undefined;
}

function imageId(reference: string): string | undefined {
  return tryRun('podman', ['image', 'inspect', '--format', '{{ .Id }}', reference])?.trim() || undefined;
}

function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const hint = command === 'podman' ? ' (is Podman installed? sudo containers/podman-setup.sh)' : '';
    throw new Error(`build-reference-image: ${command} ${args.join(' ')} failed${hint}: ${stderr.trim() || (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}

function tryRun(command: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let reference = REFERENCE_IMAGE;
  if (argv.length === 2 && argv[0] === '--tag' && argv[1] !== undefined && argv[1] !== '') reference = argv[1];
  else if (argv.length > 0) {
    process.stderr.write(`build-reference-image: unexpected arguments ${JSON.stringify(argv)}; usage: node_modules/.bin/node containers/build-reference-image.ts [--tag <image reference>]\n`);
    return 2;
  }
  try {
    const image = await buildReferenceImage(reference);
    const what = image.built ? 'built' : 'up to date';
    process.stdout.write(`${image.reference}: ${what} (${image.contentDigest}) in ${image.seconds.toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.filename === process.argv[1] || realpathSync(process.argv[1] ?? '.') === import.meta.filename) {
  process.exitCode = await main(process.argv.slice(2));
}

