// The example reports the consumer pacts are written with: drawn from the seeded workload generator
// (synthetic, never a real person), short texts so the pact files stay readable, and wrapped in
// matchers so the provider may send any report of the same shape.
import { MatchersV3 } from '@pact-foundation/pact';
import type { Bekymringsmelding } from '../contracts/bekymringsmelding.ts';
import { messageTypeSpec, type ReportType } from '../contracts/message-types.ts';
import { seededRandom } from '../scenarios/workloads/random.ts';
import { generateReport, type GeneratedReport } from '../scenarios/workloads/report-workload.ts';
import { requiredPartOf } from './required-part.ts';

const { like, regex } = MatchersV3;

export const KOMMUNENUMMER = /^\d{4}$/;
export const BYDELSNUMMER = /^[0-9]{2}$/;
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

export function exampleReport(type: ReportType, seed: string): GeneratedReport {
  return generateReport(seededRandom(seed), { type, textLength: 160, childCount: 2, guardianCount: 1 });
}

/**
 * The report's JSON with matchers: the fields its schema requires, by type, and the protocol's
 * patterns where it has them. Optional fields are left out, so a provider that omits one passes.
 */
export function reportContentMatcher(type: ReportType, content: Bekymringsmelding): unknown {
  const schema = messageTypeSpec(type)?.contentSchema;
  if (schema === undefined) throw new Error(`reportContentMatcher: the catalogue names no schema for ${type}`);
  return like({
    ...(requiredPartOf(schema, content) as Bekymringsmelding),
    kommunenummer: regex(KOMMUNENUMMER, content.kommunenummer),
    bydelsnummer: regex(BYDELSNUMMER, content.bydelsnummer),
    sendingstidspunkt: regex(LOCAL_DATE_TIME, content.sendingstidspunkt),
  });
}
