// npm run bench [-- --quick] [-- --only overhead,national,certification,checker,modes]
//
// The benchmark of issue 7 (not a test: timings depend on the machine). Needs RabbitMQ and
// PostgreSQL (AMQP_URL, DATABASE_URL; defaults on 127.0.0.1). Writes bench/results/<date>.json and,
// in full mode, regenerates docs/performance.md from it. --quick runs smaller sizes for trying it
// out and writes bench/results/<date>.quick.json only. --only runs some measurements; in full mode
// the others are carried over from the latest full result, each with its own date and load.
// --national-reports N runs the national year with N reports instead of 56,802 (the table then
// says it was scaled down and does not call the goal met or missed). --doc-only regenerates
// docs/performance.md from the latest full result without measuring (after editing findings.md).
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { servicesUrls } from './bench-kit.ts';
import { measureCertification } from './certification-time.ts';
import { measureChecker } from './checker-alone.ts';
import { describeMachine, load } from './machine.ts';
import { measureMode } from './modes.ts';
import { measureNationalYear } from './national-year.ts';
import { measureOverhead } from './overhead.ts';
import { type BenchResults, type Measured, MEASUREMENTS, type MeasurementName, performanceDoc } from './performance-doc.ts';

const SIZES = {
  full: { overheadReports: 1000, overheadRounds: 3, nationalReports: 56_802, checkerEvents: [10_000, 100_000, 1_000_000], modeReports: 1000 },
  quick: { overheadReports: 100, overheadRounds: 2, nationalReports: 500, checkerEvents: [10_000, 100_000], modeReports: 100 },
} as const;

const RESULTS = new URL('./results/', import.meta.url);
const DOC = new URL('../docs/performance.md', import.meta.url);

function usage(message: string): never {
  console.error(`bench: ${message}\nUsage: npm run bench [-- --quick] [-- --only ${MEASUREMENTS.join(',')}] [-- --national-reports N]`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { quick: boolean; only: readonly MeasurementName[]; nationalReports: number | undefined } {
  let quick = false;
  let nationalReports: number | undefined;
  let only: readonly MeasurementName[] = MEASUREMENTS;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--quick') quick = true;
    else if (arg === '--national-reports') {
      nationalReports = Number(argv[++index]);
      if (!Number.isSafeInteger(nationalReports) || nationalReports < 1) usage(`--national-reports takes a whole number ≥ 1, got ${JSON.stringify(argv[index] ?? '')}`);
    }    else if (arg === '--only') {
      const names = (argv[++index] ?? '').split(',').filter((name) => name !== '');
      const unknown = names.filter((name) => !(MEASUREMENTS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) usage(`--only takes a comma-separated list of ${MEASUREMENTS.join(', ')}; got ${JSON.stringify(argv[index] ?? '')}`);
      only = names as MeasurementName[];
    } else usage(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { quick, only, nationalReports };
}

async function latestFullFile(): Promise<URL | undefined> {
  const names = (await readdir(RESULTS).catch(() => [] as string[])).filter((name) => /^\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/.test(name)).sort();
  const last = names.at(-1);
  return last === undefined ? undefined : new URL(last, RESULTS);
}

async function latestFull(): Promise<BenchResults | undefined> {
  const file = await latestFullFile();
  return file === undefined ? undefined : (JSON.parse(await readFile(file, 'utf8')) as BenchResults);
}

async function measure<T>(name: MeasurementName, work: () => Promise<T> | T): Promise<Measured<T>> {
  const before = load();
  const started = new Date();
  console.error(`bench: ${name} (load ${before.loadavg1})…`);
  const result = await work();
  const after = load();
  console.error(`bench: ${name} done in ${Math.round((Date.now() - started.getTime()) / 1000)} s (load ${after.loadavg1})`);
  return { at: started.toISOString(), loadavg1Before: before.loadavg1, loadavg1After: after.loadavg1, result };
}

async function writeAtomically(url: URL, text: string): Promise<void> {
  const partial = new URL(`${url.href}.partial`);
  await writeFile(partial, text);
  await rename(partial, url);
}

if (process.argv.includes('--doc-only')) {
  const latest = await latestFullFile();
  if (latest === undefined) usage('--doc-only needs a full result in bench/results/; run npm run bench first');
  const kept = JSON.parse(await readFile(latest, 'utf8')) as BenchResults;
  await writeAtomically(DOC, performanceDoc(kept, fileURLToPath(latest).replace(/.*\/bench\//, 'bench/'), await readFile(new URL('./findings.md', import.meta.url), 'utf8')));
  console.error(`bench: ${fileURLToPath(DOC)} regenerated from ${fileURLToPath(latest)}`);
  process.exit(0);
}

const { quick, only, nationalReports } = parseArgs(process.argv.slice(2));
const mode = quick ? 'quick' : 'full';
const sizes = SIZES[mode];
const urls = servicesUrls();
const machine = await describeMachine(urls.amqpUrl, urls.databaseUrl);
if (machine.rabbitmq.startsWith('unreachable') || machine.postgresql.startsWith('unreachable')) {
  console.error(`bench: needs RabbitMQ and PostgreSQL (RabbitMQ: ${machine.rabbitmq}; PostgreSQL: ${machine.postgresql}). Start them (README, "Set up") or set AMQP_URL and DATABASE_URL.`);
  process.exit(2);
}

const previous = quick ? undefined : await latestFull();
const results: BenchResults = { ...(previous ?? {}), mode, date: new Date().toISOString(), machine, sizes };
const wanted = new Set(only);
if (wanted.has('checker')) results.checker = await measure('checker', () => measureChecker(sizes.checkerEvents));
if (wanted.has('overhead')) results.overhead = await measure('overhead', () => measureOverhead(urls, sizes.overheadReports, sizes.overheadRounds));
if (wanted.has('modes')) {
  results.modes = await measure('modes', async () => [await measureMode('embedded', sizes.modeReports, urls), await measureMode('services', sizes.modeReports, urls)]);
}
if (wanted.has('certification')) {
  results.certification = await measure('certification', async () => [await measureCertification('embedded', urls), await measureCertification('services', urls)]);
}
if (wanted.has('national')) results.national = await measure('national', () => measureNationalYear(nationalReports ?? sizes.nationalReports));

await mkdir(RESULTS, { recursive: true });
const stamp = results.date.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
const file = new URL(`${stamp}${quick ? '.quick' : ''}.json`, RESULTS);
await writeAtomically(file, `${JSON.stringify(results, null, 2)}\n`);
console.error(`bench: results in ${fileURLToPath(file)}`);
if (!quick) {
  await writeAtomically(DOC, performanceDoc(results, fileURLToPath(file).replace(/.*\/bench\//, 'bench/'), await readFile(new URL('./findings.md', import.meta.url), 'utf8')));
  console.error(`bench: ${fileURLToPath(DOC)} regenerated`);
} else {
  console.log(performanceDoc(results, 'quick run (not kept)', '').split('\n## Method')[0]);
}
