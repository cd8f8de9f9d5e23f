// Is a parsed JSON value a HistoryEvent? Used where a history comes back from disk: a checker fed a
// malformed event would judge nonsense, so a bad line must stop the read with its reason. The check
// is structural (field names and JSON types, the closed vocabularies); it does not look inside a
// read-back's stored report, which the checker compares and the read-back contract validated.
import { REPORT_TYPES } from '../../contracts/message-types.ts';
import { PORTAL_STATES } from '../../providers/portal/portal-states.ts';
import { isHistoryEventName } from './history-event.ts';
import type { HistoryEvent, HistoryEventName } from './history-event.ts';

type FieldRule = 'string' | 'number' | 'boolean' | 'object' | 'any' | readonly string[];

const CAUSES = ['sent', 'mottatt', 'feilet', 'serverfeil', 'tidsavbrudd', 'deadline', 'post'] as const;

const REQUIRED: Readonly<Record<HistoryEventName, Readonly<Record<string, FieldRule>>>> = {
  'report-submitted': {
    reportId: 'string',
    meldingstype: REPORT_TYPES,
    kommunenummer: 'string',
    bydelsnummer: 'string',
    contentSha256: 'string',
    pdfSha256: 'string',
  },
  sent: { reportId: 'string', meldingId: 'string' },
  'send-failed': { reportId: 'string', error: 'string' },
  delivered: { meldingId: 'string', deliveryCount: 'number', redelivered: 'boolean' },
  acked: { meldingId: 'string' },
  nacked: { meldingId: 'string' },
  'dead-lettered': { meldingId: 'string', reason: ['expired', 'delivery-limit', 'rejected'] },
  receipt: { kind: ['mottatt', 'feilet', 'tidsavbrudd', 'serverfeil', 'unreadable'] },
  'portal-state': { reportId: 'string', from: PORTAL_STATES, to: PORTAL_STATES, cause: CAUSES },
  'fault-injected': { faultId: 'string', name: 'string', evidence: 'any' },
  'fault-healed': { faultId: 'string', name: 'string', evidence: 'any' },
  'read-back': { reportId: 'string', outcome: ['found', 'not-found', 'unknown'] },
  operation: { op: 'string', outcome: ['ok', 'fail', 'unknown'] },
};

/** Optional fields: absent is fine, present must be of this type. */
const OPTIONAL: Readonly<Partial<Record<HistoryEventName, Readonly<Record<string, FieldRule>>>>> = {
  'report-submitted': { validity: 'object' },
  receipt: { svarTil: 'string', meldingId: 'string' },
  'read-back': { error: 'string', askedAfterSeq: 'number' },
};

function ruleBroken(value: unknown, rule: FieldRule): string | undefined {
  if (rule === 'any') return value === undefined ? 'is missing' : undefined;
  if (typeof rule !== 'string') {
    return typeof value === 'string' && rule.includes(value) ? undefined : `must be one of ${rule.join(', ')}, got ${JSON.stringify(value) ?? 'nothing'}`;
  }
  if (rule === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'must be an object';
  if (rule === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';
  return typeof value === rule ? undefined : `must be a ${rule}`;
}

/** Why `value` is no HistoryEvent, or undefined when it is one. */
export function historyEventProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an event must be a JSON object';
  const record = value as Record<string, unknown>;
  if (!isHistoryEventName(record['event'])) return `"event" must name a history event, got ${JSON.stringify(record['event']) ?? 'nothing'}`;
  const rules: Record<string, FieldRule> = { seq: 'number', at: 'number', ...REQUIRED[record['event']] };
  if (record['event'] === 'receipt') {
    Object.assign(rules, record['kind'] === 'unreadable' ? { detail: 'string' } : { svarTil: 'string', meldingId: 'string' });
  }
  if (record['event'] === 'read-back' && record['outcome'] === 'found') rules['readBack'] = 'object';
  for (const [field, rule] of Object.entries(rules)) {
    const problem = ruleBroken(record[field], rule);
    if (problem !== undefined) return `${record['event']}: "${field}" ${problem}`;
  }
  for (const [field, rule] of Object.entries(OPTIONAL[record['event']] ?? {})) {
    const problem = record[field] === undefined ? undefined : ruleBroken(record[field], rule);
    if (problem !== undefined) return `${record['event']}: "${field}" ${problem}`;
  }
  if (!Number.isSafeInteger(record['seq']) || (record['seq'] as number) < 0) return '"seq" must be a whole number ≥ 0';
  return undefined;
}

export function isHistoryEvent(value: unknown): value is HistoryEvent {
  return historyEventProblem(value) === undefined;
}
