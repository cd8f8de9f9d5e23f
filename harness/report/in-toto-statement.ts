// The signed statement (in-toto Attestation Framework, Statement v1): the report's files as
// subjects with their SHA-256, and the results as the predicate — so a verifier learns from the
// signed payload alone what was certified, when, with which key, and with what verdict.
import type { CertificationReport } from './report-json.ts';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://ackproof.invalid/certification/v1';

export interface StatementSubject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface CertificationPredicate {
  readonly reportVersion: number;
  readonly generatedAt: string;
  readonly ackproofVersion: string;
  readonly receiver: CertificationReport['receiver'];
  readonly verdict: CertificationReport['verdict'];
  readonly summary: string;
  readonly seed: string;
  readonly environment: CertificationReport['environment'];
  readonly signer: { readonly keyId: string; readonly keyKind: CertificationReport['signature']['keyKind'] };
  readonly scenarios: readonly { readonly id: string; readonly verdict: string; readonly affected: Readonly<Record<string, number>> }[];
  readonly notApplicable: readonly string[];
  readonly requirements: readonly { readonly id: string; readonly status: string }[];
}

export interface InTotoStatement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly StatementSubject[];
  readonly predicateType: typeof PREDICATE_TYPE;
  readonly predicate: CertificationPredicate;
}

export function certificationStatement(report: CertificationReport, subject: readonly StatementSubject[]): InTotoStatement {
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      reportVersion: report.reportVersion,
      generatedAt: report.generatedAt,
      ackproofVersion: report.ackproof.version,
      receiver: report.receiver,
      verdict: report.verdict,
      summary: report.summary,
      seed: report.seed,
      environment: report.environment,
      signer: { keyId: report.signature.keyId, keyKind: report.signature.keyKind },
      scenarios: report.scenarios.map((scenario) => ({
        id: scenario.id,
        verdict: scenario.verdict,
        affected: Object.fromEntries(Object.entries(scenario.affected).map(([verdict, ids]) => [verdict, ids.length])),
      })),
      notApplicable: report.notApplicable.map(({ id }) => id),
      requirements: report.requirements.map(({ id, status }) => ({ id, status })),
    },
  };
}
