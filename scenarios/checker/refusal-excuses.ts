// When a feilet for a report that was valid by its schema is NOT the receiver's fault. The protocol
// lets a case system answer feilet for what it cannot take; a valid report is something it can
// take, so refusing one fails (wrongly-refused) — unless a fault in the run could have made even a
// correct receiver refuse it. The checker knows a fault only by the name and evidence in the
// history, so each fault of the catalogue is classified here by what it may excuse:
//
//   while-active   the fault broke a part the receiver needs to take ANY report (its database):
//                  KS's best practice says "on failure send the protocol's error reply and then
//                  ack", so a feilet for a melding-id delivered, or answered, while the fault was
//                  in force (from its first injection to its heal), or that the fault's evidence
//                  names, is excused;
//   named-melding  the fault changed what was delivered (a poison message): a feilet is excused
//                  only for the melding-id its evidence names — the report submitted was good, the
//                  message delivered was not;
//   none           nothing it does can make a correct receiver refuse a valid report. v1-message is
//                  here on purpose: "a receiver that supports v2 must accept v1".
//
// A fault name the table does not know (a newer fault, a history from elsewhere) is taken as
// while-active: the checker cannot tell what it broke, and must not cry wolf. suite.test.ts checks
// that every fault in the catalogue is classified here.
import { hasEvidence } from './fault-evidence.ts';

export type RefusalExcuse = 'while-active' | 'named-melding' | 'none';

export const REFUSAL_EXCUSES: Readonly<Record<string, RefusalExcuse>> = {
  'storage-outage': 'while-active',
  'storage-overload': 'while-active',
  'storage-reply-lost': 'while-active',
  'poison-message': 'named-melding',
  'crash-after-delivery': 'none',
  'crash-after-commit': 'none',
  'crash-after-receipt': 'none',
  'crash-after-ack': 'none',
  'broker-connection-loss': 'none',
  redelivery: 'none',
  'send-api-refused': 'none',
  'send-api-slow': 'none',
  'send-api-response-lost': 'none',
  resend: 'none',
  'large-payload': 'none',
  'ttl-expiry-while-down': 'none',
  'v1-message': 'none',
  burst: 'none',
};

export function refusalExcuse(faultName: string): RefusalExcuse {
  return Object.hasOwn(REFUSAL_EXCUSES, faultName) ? (REFUSAL_EXCUSES[faultName] ?? 'while-active') : 'while-active';
}

/** The melding-id a fault's evidence names (`meldingId`), if it names one. */
export function evidenceMeldingId(evidence: unknown): string | undefined {
  if (!hasEvidence(evidence) || typeof evidence !== 'object' || evidence === null) return undefined;
  const meldingId = (evidence as { readonly meldingId?: unknown }).meldingId;
  return typeof meldingId === 'string' && meldingId !== '' ? meldingId : undefined;
}
