// report.json: everything about one certification, machine-readable, in the shape
// contracts/schemas/report.schema.json publishes (reportVersion says which shape). No history in
// it (history.jsonl holds that) and no report text: ids, counts, verdicts, digests, reasons.
import { FAILING_VERDICTS, type Validity, type Verdict } from '../../scenarios/checker/index.ts';
import { formatFaultPlans } from '../../scenarios/faults/index.ts';
import { SUITE } from '../../scenarios/suite/suite.ts';
import type { ReceiverIdentity } from '../adapters/receiver-launcher.ts';
import type { Certification, CertificationVerdict, CertifiedScenario, FaultCoverage } from '../certify/certify.ts';
import type { ScenarioResult } from '../certify/run-scenario.ts';
import type { EnvironmentDescription } from './environment-versions.ts';
import type { PactDigest } from './pact-digests.ts';
import { plainVerdict } from './plain-verdict.ts';
import { REPORT_FILES, REPORT_VERSION } from './report-files.ts';
import { type RequirementStatus, requirementRows, requirementsNoScenarioCovers } from './requirements-status.ts';
import type { SigningKeyKind } from './signing-key.ts';

export type ScenarioVerdictWord = 'holds' | 'fails' | 'no verdict';

export interface ReportContext {
  /** What was run, and against which receiver (its adapter's name, description and identity). */
  readonly certification: Certification;
  readonly generatedAt: Date;
  readonly ackproofVersion: string;
  readonly environment: EnvironmentDescription;
  readonly pacts: readonly PactDigest[];
  readonly signer: { readonly keyId: string; readonly kind: SigningKeyKind };
  /** The command line that made the report, as typed (for a reader who wants to run it again). */
  readonly commandLine?: string;
}

export interface ReportRunResult {
  readonly valid: Validity;
  readonly verdict: ScenarioVerdictWord;
  readonly reports: number;
  readonly faults: string;
  readonly finished: boolean;
  readonly reasons: readonly string[];
  /** Every verdict, with how many reports ended in it (zeros left out). */
  readonly counts: Partial<Record<Verdict, number>>;
  /** Reports in a failing verdict, by verdict. */
  readonly affected: Partial<Record<Verdict, readonly string[]>>;
  readonly unexpected: readonly { readonly reportId: string; readonly verdict: Verdict }[];
}

export interface ReportScenario extends ReportRunResult {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly string[];
  readonly mustHold: readonly string[];
  readonly allowedVerdicts: readonly Verdict[];
  readonly faultEvidence: readonly { readonly faultId: string; readonly name: string; readonly fired: boolean; readonly healed: boolean }[];
  readonly coverage?: { readonly points: number; readonly explored: number; readonly failingPoints: number; readonly pointsExplored: FaultCoverage['explored'] };
  readonly timings: { readonly wallMs: number; readonly virtualMs: number | null };
  readonly events: number;
  readonly replay: string;
  readonly shrunk?: ReportRunResult & { readonly attempts: number; readonly replay: string };
}

export interface CertificationReport {
  readonly reportVersion: number;
  readonly generatedAt: string;
  readonly ackproof: { readonly version: string; readonly commandLine?: string };
  readonly receiver: ReceiverIdentity & { readonly adapter: string; readonly description: string };
  readonly verdict: CertificationVerdict;
  readonly valid: Validity;
  /** The verdict in one plain sentence. */
  readonly summary: string;
  readonly seed: string;
  readonly environment: EnvironmentDescription;
  readonly pacts: readonly PactDigest[];
  readonly signature: { readonly keyId: string; readonly keyKind: SigningKeyKind; readonly note: string; readonly envelope: string; readonly publicKey: string };
  readonly requirements: readonly {
    readonly id: string;
    readonly text: string;
    readonly source: string;
    readonly reference: string;
    readonly level: string;
    readonly scenarios: readonly string[];
    readonly status: RequirementStatus;
  }[];
  /** Requirement ids no scenario of the suite checks. */
  readonly requirementsNotCovered: readonly string[];
  readonly scenarios: readonly ReportScenario[];
  readonly notApplicable: readonly { readonly id: string; readonly title: string; readonly why: string }[];
  readonly timings: { readonly wallMs: number };
}

export function verdictWord(valid: Validity): ScenarioVerdictWord {
  return valid === true ? 'holds' : valid === false ? 'fails' : 'no verdict';
}

function runResult(result: ScenarioResult): ReportRunResult {
  const counts: Partial<Record<Verdict, number>> = {};
  for (const [verdict, count] of Object.entries(result.check.counts) as [Verdict, number][]) if (count > 0) counts[verdict] = count;
  const affected: Partial<Record<Verdict, readonly string[]>> = {};
  for (const verdict of FAILING_VERDICTS) if (result.check.reports[verdict].length > 0) affected[verdict] = result.check.reports[verdict];
  return {
    valid: result.valid,
    verdict: verdictWord(result.valid),
    reports: result.schedule.reports,
    faults: formatFaultPlans(result.schedule.faults),
    finished: result.finished,
    reasons: result.reasons,
    counts,
    affected,
    unexpected: result.unexpected,
  };
}

function fired(result: ScenarioResult): ReportScenario['faultEvidence'] {
  return result.check.faults.map((fault) => ({ faultId: fault.faultId, name: fault.name, fired: fault.injectedSeq !== undefined, healed: fault.healedSeq !== undefined }));
}

function scenarioJson(done: CertifiedScenario): ReportScenario {
  const { scenario, result, coverage, shrunk } = done;
  return {
    id: scenario.id,
    title: scenario.title,
    requirements: scenario.requirements.map((requirement) => requirement.id),
    mustHold: scenario.mustHold,
    ...runResult(result),
    allowedVerdicts: result.allowedVerdicts,
    faultEvidence: fired(result),
    ...(coverage === undefined
      ? {}
      : { coverage: { points: coverage.points, explored: coverage.explored.length, failingPoints: coverage.explored.filter((point) => point.valid === false).length, pointsExplored: coverage.explored } }),
    timings: { wallMs: result.wallMs, virtualMs: result.virtualMs },
    events: result.events.length,
    replay: done.replay,
    ...(shrunk === undefined ? {} : { shrunk: { ...runResult(shrunk.result), attempts: shrunk.attempts, replay: done.replaySmallest ?? done.replay } }),
  };
}

export function signatureNote(kind: SigningKeyKind): string {
  return kind === 'ephemeral'
    ? 'Signed with a key made for this run only (its public key is public-key.pem): the signature shows the files were not changed after the run, not who ran it.'
    : 'Signed with a key given to the run (--sign-key); check it is the key you expect with `ackproof verify-report --public-key <pem>`.';
}

export function certificationReport(context: ReportContext): CertificationReport {
  const { certification } = context;
  const identity: ReceiverIdentity = certification.identity ?? { kind: 'in-process', spec: certification.adapter, version: context.ackproofVersion };
  const rows = requirementRows(certification.scenarios.map(({ scenario, result }) => ({ scenario, valid: result.valid })));
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: context.generatedAt.toISOString(),
    ackproof: { version: context.ackproofVersion, ...(context.commandLine === undefined ? {} : { commandLine: context.commandLine }) },
    receiver: { ...identity, adapter: certification.adapter, description: certification.adapterDescription },
    verdict: certification.verdict,
    valid: certification.valid,
    summary: plainVerdict(certification),
    seed: certification.seed,
    environment: context.environment,
    pacts: context.pacts,
    signature: { keyId: context.signer.keyId, keyKind: context.signer.kind, note: signatureNote(context.signer.kind), envelope: REPORT_FILES.envelope, publicKey: REPORT_FILES.publicKey },
    requirements: rows.map(({ requirement, scenarios, status }) => ({
      id: requirement.id,
      text: requirement.rule,
      source: requirement.source,
      reference: requirement.reference,
      level: requirement.level,
      scenarios: scenarios.map(({ id }) => id),
      status,
    })),
    requirementsNotCovered: requirementsNoScenarioCovers(SUITE).map((requirement) => requirement.id),
    scenarios: certification.scenarios.map(scenarioJson),
    notApplicable: certification.notApplicable.map(({ scenario, why }) => ({ id: scenario.id, title: scenario.title, why })),
    timings: { wallMs: certification.wallMs },
  };
}
