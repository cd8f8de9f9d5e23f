// `ackproof certify --adapter image:localhost/ackproof-reference:dev`, as CI and a vendor run it:
// the reference receiver's image, started and crashed through the image launcher, certified on
// RabbitMQ and PostgreSQL. A subset of the suite to keep the time down: the ordinary day, the
// four crash scenarios (a crash is a SIGKILL of the container and a fresh container on the same
// database) and a storage outage (the database connection reset under the receiver by the fault
// proxy: the image must survive it). The crash scenarios that apply to a container must hold with their fault's evidence;
// the engine's own events show the containers this run started, killed and removed — none remains.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { buildReferenceImage } from '../../containers/build-reference-image.ts';
import { REFERENCE_IMAGE } from '../../containers/engine.ts';
import { LAUNCHER_PID_LABEL } from './image-launcher.ts';

const SCENARIOS = ['ordinary-day', 'crash-after-delivery', 'crash-after-commit', 'crash-after-receipt', 'crash-after-ack', 'storage-outage'];
const CRASHES = SCENARIOS.filter((id) => id.startsWith('crash-'));

interface CertificationJson {
  readonly verdict: string;
  readonly receiver?: { readonly kind: string; readonly image?: string; readonly digest?: string };
  readonly scenarios: readonly { readonly id: string; readonly valid: boolean; readonly faults: readonly { readonly name: string; readonly evidence: { readonly what?: string } }[] }[];
  readonly notApplicable: readonly { readonly id: string }[];
}

function podman(args: readonly string[]): string[] {
  return execFileSync('podman', [...args], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim() !== '');
}

// The image under test is the one the sources make now: rebuilt when they changed (about 1 s when not).
beforeAll(() => buildReferenceImage(), 120_000);

describe('ackproof certify --adapter image:', () => {
  test(
    `the reference image is certified (${SCENARIOS.join(', ')}), crashes applied by killing and restarting its container, and no container is left`,
    async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const cli = spawn('node_modules/.bin/node', ['bin/ackproof.js', 'certify', '--adapter', `image:${REFERENCE_IMAGE}`, '--scenario', SCENARIOS.join(','), '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const [code] = (await once(cli, 'exit')) as [number | null];
      const pid = String(cli.pid);
      expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });

      const certification = JSON.parse(stdout) as CertificationJson;
      const imageId = podman(['image', 'inspect', '--format', '{{.Id}}', REFERENCE_IMAGE])[0];
      expect(certification.receiver).toEqual(expect.objectContaining({ kind: 'image', image: REFERENCE_IMAGE, digest: `sha256:${imageId ?? ''}` }));
      const ran = certification.scenarios.map((scenario) => scenario.id);
      expect([...ran, ...certification.notApplicable.map((scenario) => scenario.id)].sort()).toEqual([...SCENARIOS].sort());
      expect(certification.scenarios.every((scenario) => scenario.valid)).toBe(true);
      // A container can be killed, so at least the crash seen from outside (after the receipt
      // reached the send API) must apply; the others apply as the fault proxy learns their boundaries.
      expect(ran).toContain('ordinary-day');
      expect(ran).toContain('crash-after-receipt');
      const crashesRun = certification.scenarios.filter((scenario) => CRASHES.includes(scenario.id));
      for (const scenario of crashesRun) {
        expect(scenario.faults.map((fault) => [fault.name, fault.evidence.what])).toEqual([[scenario.id, expect.stringMatching(/died/)]]);
      }

      // From the engine: every scenario started a container; every crash killed one and started a
      // fresh one; every container this run made was removed.
      const events = podman(['events', '--stream=false', '--since', since, '--filter', `label=${LAUNCHER_PID_LABEL}=${pid}`, '--format', '{{.Status}} {{.ID}}']);
      const ofKind = (status: string): Set<string> => new Set(events.filter((line) => line.startsWith(`${status} `)).map((line) => line.slice(status.length + 1)));
      const started = ofKind('start');
      expect(started.size).toBeGreaterThanOrEqual(ran.length + crashesRun.length);
      expect(ofKind('kill').size).toBeGreaterThanOrEqual(crashesRun.length);
      expect([...started].filter((id) => !ofKind('remove').has(id))).toEqual([]);
      expect(podman(['ps', '-a', '--filter', `label=${LAUNCHER_PID_LABEL}=${pid}`, '--format', '{{.ID}}'])).toEqual([]);
    },
    600_000,
  );

  test('an image that does not exist: exit 2, the message says what to do, no container is left', async () => {
    const image = 'localhost/ackproof-no-such-image:dev';
    const cli = spawn('node_modules/.bin/node', ['bin/ackproof.js', 'certify', '--adapter', `image:${image}`, '--scenario', 'ordinary-day'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const [code] = (await once(cli, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(output).toMatch(/image localhost\/ackproof-no-such-image:dev does not exist in the container engine .* build or load it/);
    expect(output).not.toMatch(/CERTIFIED/);
    expect(podman(['ps', '-a', '--filter', `label=${LAUNCHER_PID_LABEL}=${String(cli.pid)}`, '--format', '{{.ID}}'])).toEqual([]);
  });
});
