// From what `--adapter` says to the Adapter a run puts under test: an in-process one by name, or a
// black box behind its launcher. Throws AdapterSpecError (bad usage, exit 2) for a spec that does
// not parse or names nothing there is.
import { adapterNamed, ADAPTERS, FAULTY_ADAPTER_PREFIX, type Adapter } from '../run/run-adapters.ts';
import { AdapterSpecError, parseAdapterSpec } from './adapter-spec.ts';
import { createBlackBoxAdapter } from './black-box-adapter.ts';
import { createCommandLauncher } from './command-launcher.ts';
import type { ReceiverLauncher } from './receiver-launcher.ts';
import { createUrlLauncher } from './url-launcher.ts';

export interface SpecAdapterOptions {
  /** Where a `cmd:` command runs and its relative paths start; the current directory unless told. */
  readonly cwd?: string;
  readonly readyTimeoutMs?: number;
}

/** An adapter to close when done: a black box's launcher may hold processes or containers. */
export type SpecAdapter = Adapter & { close(): Promise<void> };

export const ADAPTER_FORMS = 'reference, faulty:<name>, cmd:<command>, image:<reference>, url:<base URL>';

export async function adapterForSpec(spec: string, options: SpecAdapterOptions = {}): Promise<SpecAdapter> {
  const parsed = parseAdapterSpec(spec);
  const timing = options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs };
  switch (parsed.kind) {
    case 'in-process': {
      const adapter = adapterNamed(parsed.name);
      if (adapter === undefined) {
        const faulty = parsed.name.startsWith(FAULTY_ADAPTER_PREFIX)
          ? ` There is no faulty receiver ${JSON.stringify(parsed.name.slice(FAULTY_ADAPTER_PREFIX.length))}; \`npx ackproof faults\` lists them.`
          : '';
        throw new AdapterSpecError(`no adapter named ${JSON.stringify(spec)}; the adapters are: ${Object.keys(ADAPTERS).join(', ')}, or a black box: cmd:<command>, image:<reference>, url:<base URL>.${faulty}`);
      }
      return { ...adapter, close: () => Promise.resolve() };
    }
    case 'cmd':
      return createBlackBoxAdapter(createCommandLauncher({ spec, argv: parsed.argv, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) }), timing);
    case 'url':
      return createBlackBoxAdapter(createUrlLauncher({ spec, baseUrl: parsed.baseUrl }), { ...timing, baseUrl: parsed.baseUrl });
    case 'image': {
      const launcher = await imageLauncher(spec, parsed.image);
      return createBlackBoxAdapter(launcher, timing);
    }
  }
}

/** The container launcher (image-launcher.ts), loaded only when an image is asked for: it brings testcontainers. */
async function imageLauncher(spec: string, image: string): Promise<ReceiverLauncher> {
  const { createImageLauncher } = await import('./image-launcher.ts');
  return createImageLauncher({ spec, image });
}
