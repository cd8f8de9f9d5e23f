// For tests: a launch-contract receiver put behind a front of ackproof's making, to play a
// receiver that goes wrong in a way the examples never do, or one that runs as a service.
//
//   node front-receiver.ts junk-read-back -- <command…>
//       Starts <command> as the receiver (on a read-back port of its own) and serves the real
//       read-back port itself: readiness is passed through, every read-back answers 200 with a body
//       that is no read-back at all. A run against it must end without a verdict, never a pass.
//
//   node front-receiver.ts url <port> -- <command…>
//       A receiver as a running service for `url:http://127.0.0.1:<port>`: each PUT
//       /ackproof/v1/launch (the run's launch contract, as JSON) starts <command> afresh with it;
//       readiness and read-back are passed through to the receiver started last.
//
// Every child runs in this process's group: whoever kills the group kills them all.
import { type ChildProcess, spawn } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { LAUNCH_VARIABLES } from '../launch-contract.ts';
import { freePort } from '../free-port.ts';
import { LAUNCH_PATH } from '../url-launcher.ts';

const [mode, ...rest] = process.argv.slice(2);
const separator = rest.indexOf('--');
const command = rest.slice(separator + 1);
const [program, ...args] = command;
if ((mode !== 'junk-read-back' && mode !== 'url') || separator === -1 || program === undefined) {
  process.stderr.write('usage: front-receiver.ts junk-read-back -- <command…> | url <port> -- <command…>\n');
  process.exit(2);
}

let inner: { readonly child: ChildProcess; readonly port: number } | undefined;

async function startInner(environment: Readonly<Record<string, string>>): Promise<void> {
  inner?.child.kill('SIGKILL');
  const port = await freePort();
  const child = spawn(program ?? '', args, { env: { ...process.env, ...environment, [LAUNCH_VARIABLES.readBackPort]: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (inner?.child === child) process.stderr.write(`front-receiver: the receiver ended (${signal ?? `exit code ${code ?? '?'}`})\n`);
  });
  inner = { child, port };
}

async function passThrough(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (inner === undefined) {
    response.writeHead(503).end('no receiver started yet');
    return;
  }
  try {
    const answer = await fetch(`http://127.0.0.1:${inner.port}${request.url ?? '/'}`, { signal: AbortSignal.timeout(10_000) });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' }).end(Buffer.from(await answer.arrayBuffer()));
  } catch (error) {
    response.writeHead(503).end(`the receiver does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://front.invalid').pathname;
  if (mode === 'url' && path === LAUNCH_PATH && request.method === 'PUT') {
    await startInner(JSON.parse(await readBody(request)) as Record<string, string>);
    response.writeHead(204).end();
    return;
  }
  if (mode === 'junk-read-back' && path.startsWith('/ackproof/v1/bekymringsmeldinger/')) {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"stored": "maybe", "antallSaker": "several"}');
    return;
  }
  await passThrough(request, response);
}

const port = mode === 'url' ? Number(rest[0]) : Number(process.env[LAUNCH_VARIABLES.readBackPort]);
if (mode === 'junk-read-back') await startInner({});
createServer((request, response) => {
  handle(request, response).catch((error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)));
}).listen(port, '127.0.0.1');
