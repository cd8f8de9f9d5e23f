// Seeded random histories of CORRECT runs, for property tests of the checker: every report takes
// one of the paths a correct receiver may take (plain, an ack lost with the connection, a crash
// after commit, a receipt redelivered to the portal, a resend after tidsavbrudd, a failed send, a
// refusal), and the reports' events are interleaved at random, as concurrent handling does. Each
// report's own events keep their causal order: sent before delivered before answered.
//
// A loss can be injected into one report: the receiver said mottatt, but the final read-back finds
// nothing, or something else — exactly the fault that lost 63 reports.
import type { Random } from '../workloads/random.ts';
import { type HistoryBuilder, type ReadBackAnswer, historyBuilder } from './history-test-kit.ts';

export type LossKind = 'not-found' | 'truncated' | 'mangled' | 'pdf-missing' | 'pdf-different' | 'older-type' | 'no-case';

export const LOSS_KINDS: readonly LossKind[] = ['not-found', 'truncated', 'mangled', 'pdf-missing', 'pdf-different', 'older-type', 'no-case'];

type Path = 'plain' | 'ack-lost' | 'crash-after-commit' | 'receipt-redelivered' | 'resent-after-tidsavbrudd' | 'send-failed-first' | 'refused' | 'never-answered';

const PATHS: readonly Path[] = ['plain', 'ack-lost', 'crash-after-commit', 'receipt-redelivered', 'resent-after-tidsavbrudd', 'send-failed-first', 'refused', 'never-answered'];

export interface RandomRun {
  readonly run: HistoryBuilder;
  readonly reportIds: readonly string[];
  /** Reports the receiver answered with mottatt: where a loss can be injected. */
  readonly answeredMottatt: readonly string[];
  readonly paths: Readonly<Record<string, Path>>;
}

export interface RandomRunOptions {
  readonly reports: number;
  /** Decides, once the correct run is built, which report loses what (or nothing). */
  readonly injectLoss?: (answeredMottatt: readonly string[]) => { readonly reportId: string; readonly kind: LossKind } | undefined;
}

type Step = (run: HistoryBuilder) => void;

function stepsFor(path: Path, reportId: string, textLength: number): Step[] {
  const m1 = `${reportId}/m1`;
  const m2 = `${reportId}/m2`;
  const k = `${reportId}/k`;
  const sent: Step[] = [
    (run) => run.submit(reportId, { textLength }),
    (run) => void run.send(reportId),
    (run) => run.portalState(reportId, 'AKSEPTERT', 'SENDT_FAGSYSTEM', 'sent'),
  ];
  const levert: Step = (run) => run.portalState(reportId, 'SENDT_FAGSYSTEM', 'LEVERT', 'mottatt');
  switch (path) {
    case 'plain':
      return [...sent, (run) => run.deliver(m1), (run) => void run.receipt('mottatt', m1, `${k}1`), (run) => run.ack(m1), levert];
    case 'ack-lost':
      // Answered, then the connection dropped before the ack: delivered again, answered again.
      return [...sent, (run) => run.deliver(m1), (run) => void run.receipt('mottatt', m1, `${k}1`), (run) => run.deliver(m1), (run) => void run.receipt('mottatt', m1, `${k}2`), (run) => run.ack(m1), levert];
    case 'crash-after-commit':
      return [...sent, (run) => run.deliver(m1), (run) => run.deliver(m1), (run) => void run.receipt('mottatt', m1, `${k}1`), (run) => run.ack(m1), levert];
    case 'receipt-redelivered':
      return [...sent, (run) => run.deliver(m1), (run) => void run.receipt('mottatt', m1, `${k}1`), (run) => run.ack(m1), levert, (run) => void run.receipt('mottatt', m1, `${k}1`)];
    case 'resent-after-tidsavbrudd':
      return [
        ...sent,
        (run) => run.deadLetter(m1, 'expired'),
        (run) => void run.receipt('tidsavbrudd', m1, `${k}0`),
        (run) => void run.send(reportId),
        (run) => run.deliver(m2),
        (run) => void run.receipt('mottatt', m2, `${k}1`),
        (run) => run.ack(m2),
        levert,
      ];
    case 'send-failed-first':
      return [(run) => run.submit(reportId, { textLength }), (run) => run.sendFailed(reportId), ...sent.slice(1), (run) => run.deliver(m1), (run) => void run.receipt('mottatt', m1, `${k}1`), (run) => run.ack(m1), levert];
    case 'refused':
      return [...sent, (run) => run.deliver(m1), (run) => void run.receipt('feilet', m1, `${k}1`), (run) => run.ack(m1)];
    case 'never-answered':
      // Stored, then the receiver crashed for good before its receipt; the unacked message expired
      // and Fiks IO told the portal (tidsavbrudd): recovered, not a failure.
      return [...sent, (run) => run.deliver(m1), (run) => run.deadLetter(m1, 'expired'), (run) => void run.receipt('tidsavbrudd', m1, `${k}0`)];
  }
}

function lossAnswer(kind: LossKind, run: HistoryBuilder, reportId: string): ReadBackAnswer {
  const melding = String(run.submitted(reportId).content['melding']);
  switch (kind) {
    case 'not-found':
      return 'not-found';
    case 'truncated':
      return (stored) => ({ ...stored, bekymringsmelding: { ...(stored.bekymringsmelding as object), melding: melding.slice(0, Math.min(4000, melding.length - 1)) } });
    case 'mangled':
      return (stored) => ({ ...stored, bekymringsmelding: { ...(stored.bekymringsmelding as object), melding: Buffer.from(melding, 'utf8').toString('latin1') } });
    case 'pdf-missing':
      return (stored) => ({ ...stored, pdf: null });
    case 'pdf-different':
      return (stored) => ({ ...stored, pdf: { sha256: 'f'.repeat(64), bytes: 1 } });
    case 'older-type':
      return (stored) => ({ ...stored, meldingstype: 'no.ks.fiks.bekymringsmelding.offentlig.v1' });
    case 'no-case':
      return (stored) => ({ ...stored, antallSaker: 0 });
  }
}

export function randomRun(random: Random, options: RandomRunOptions): RandomRun {
  const run = historyBuilder();
  const reportIds = Array.from({ length: options.reports }, (_, index) => `r${index + 1}`);
  const paths: Record<string, Path> = {};
  const active: { steps: Step[]; next: number }[] = [];
  for (const reportId of reportIds) {
    const path = random.pick(PATHS);
    paths[reportId] = path;
    active.push({ steps: stepsFor(path, reportId, random.int(20, 6000)), next: 0 });
  }
  let fault = 0;
  while (active.length > 0) {
    if (random.chance(0.02)) {
      fault += 1;
      run.faultInjected(`fault-${fault}`, { at: `step ${run.events().length}` });
      run.faultHealed(`fault-${fault}`);
    }
    const index = random.int(0, active.length - 1);
    const script = active[index];
    if (script === undefined) break;
    script.steps[script.next]?.(run);
    script.next += 1;
    if (script.next >= script.steps.length) {
      // Swap-remove: order among the remaining scripts does not matter, the random pick does.
      const last = active.pop();
      if (last !== undefined && last !== script) active[index] = last;
    }
  }
  const answeredMottatt = reportIds.filter((id) => paths[id] !== 'refused' && paths[id] !== 'never-answered');
  const loss = options.injectLoss?.(answeredMottatt);
  for (const reportId of reportIds) {
    if (loss?.reportId === reportId) run.readBack(reportId, lossAnswer(loss.kind, run, reportId));
    else run.readBack(reportId, paths[reportId] === 'refused' ? 'not-found' : 'as-sent');
  }
  return { run, reportIds, answeredMottatt, paths };
}
