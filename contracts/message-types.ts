// Typed access to the message-type catalogue (message-types.json): which types exist, what each
// carries and which replies each allows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPORT_TYPES = [
  'no.ks.fiks.bekymringsmelding.privat.v1',
  'no.ks.fiks.bekymringsmelding.privat.v2',
  'no.ks.fiks.bekymringsmelding.offentlig.v1',
  'no.ks.fiks.bekymringsmelding.offentlig.v2',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const MOTTATT = 'no.ks.fiks.bekymringsmelding.mottatt.v1';
export const FEILET = 'no.ks.fiks.bekymringsmelding.feilet.v1';
export const TIDSAVBRUDD = 'no.ks.fiks.kvittering.tidsavbrudd';
export const SERVERFEIL = 'no.ks.fiks.kvittering.serverfeil.v1';
export type ReceiptType = typeof MOTTATT | typeof FEILET;
export type PlatformReceiptType = typeof TIDSAVBRUDD | typeof SERVERFEIL;

export type MessageKind = 'report' | 'receipt' | 'platform-receipt';
export type BodyKind = 'payload-zip' | 'json' | 'none';

export interface MessageTypeSpec {
  readonly type: string;
  readonly kind: MessageKind;
  readonly from: 'portal' | 'case-system' | 'platform';
  readonly to: 'portal' | 'case-system' | 'sender';
  readonly body: BodyKind;
  /** File name of the JSON Schema (in contracts/schemas/) for the body's JSON, where there is one. */
  readonly contentSchema?: string;
  readonly bodyFileName?: string;
  readonly replies: readonly string[];
  readonly platformReplies: readonly string[];
  readonly description: string;
}

const catalogueFile = join(import.meta.dirname, 'message-types.json');

export const messageTypes: readonly MessageTypeSpec[] = (
  JSON.parse(readFileSync(catalogueFile, 'utf8')) as { types: MessageTypeSpec[] }
).types;

export function messageTypeSpec(type: string): MessageTypeSpec | undefined {
  return messageTypes.find((spec) => spec.type === type);
}

export function isReportType(type: string): type is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(type);
}

export function isReceiptType(type: string): type is ReceiptType {
  return type === MOTTATT || type === FEILET;
}

export function isPlatformReceiptType(type: string): type is PlatformReceiptType {
  return type === TIDSAVBRUDD || type === SERVERFEIL;
}

/** True when `reply` is an answer the protocol allows to a message of type `to`. */
export function allowsReply(to: string, reply: string): boolean {
  const spec = messageTypeSpec(to);
  return spec !== undefined && (spec.replies.includes(reply) || spec.platformReplies.includes(reply));
}

/** privat or offentlig, and the protocol version, of a report type. */
export function describeReportType(type: ReportType): { readonly reporter: 'privat' | 'offentlig'; readonly version: 1 | 2 } {
  return {
    reporter: type.includes('.privat.') ? 'privat' : 'offentlig',
    version: type.endsWith('.v1') ? 1 : 2,
  };
}
