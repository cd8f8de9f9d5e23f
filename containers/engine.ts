// Where the container engine and the reference image are, for the image launcher, the image build
// and the containers test tier. Light on purpose (no testcontainers import): jest's config loads it.
import { request } from 'node:http';

/** Podman's usual root socket; containers/podman-setup.sh starts `podman system service` there. */
export const PODMAN_SOCKET = '/run/podman/podman.sock';

/** The reference receiver's image, built locally by containers/build-reference-image.ts. */
export const REFERENCE_IMAGE = 'localhost/ackproof-reference:dev';

export const BUILD_REFERENCE_IMAGE = 'node_modules/.bin/node containers/build-reference-image.ts';

/** The engine's Unix socket: DOCKER_HOST's when it names one, Podman's otherwise. */
export function engineSocket(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const host = env['DOCKER_HOST'];
  return host?.startsWith('unix://') === true ? host.slice('unix://'.length) : PODMAN_SOCKET;
}

/** GET `path` on the engine's Docker-compatible API; resolves to the status, or a reason it did not answer. */
export function engineGet(path: string, socketPath: string = engineSocket(), timeoutMs = 3000): Promise<{ readonly status: number } | { readonly failure: string }> {
  return new Promise((resolve) => {
    const call = request({ socketPath, path, method: 'GET', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    call.on('timeout', () => call.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    call.on('error', (error) => resolve({ failure: `${socketPath}: ${error.message}` }));
    call.end();
  });
}
