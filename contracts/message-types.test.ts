import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FEILET, MOTTATT, REPORT_TYPES, SERVERFEIL, TIDSAVBRUDD, allowsReply, messageTypeSpec, messageTypes } from './message-types.ts';
import { ksMetadata, ksReferenceDir } from '../harness/testing/ks-reference.ts';

describe('the message-type catalogue', () => {
  test('names every message type KS publishes, and no report type KS does not', () => {
    const ksTypes = readdirSync(ksReferenceDir).filter((name) => name.startsWith('no.ks.fiks.'));
    const ours = messageTypes.map((spec) => spec.type);
    for (const type of ksTypes) expect(ours).toContain(type);
    expect(messageTypes.filter((spec) => spec.kind === 'report').map((spec) => spec.type).sort()).toEqual([...REPORT_TYPES].sort());
  });

  test('a report allows mottatt, feilet and the platform receipts as replies, and nothing else', () => {
    for (const type of REPORT_TYPES) {
      expect(allowsReply(type, MOTTATT)).toBe(true);
      expect(allowsReply(type, FEILET)).toBe(true);
      expect(allowsReply(type, TIDSAVBRUDD)).toBe(true);
      expect(allowsReply(type, SERVERFEIL)).toBe(true);
      expect(allowsReply(type, type)).toBe(false);
    }
    expect(allowsReply(MOTTATT, FEILET)).toBe(false);
    expect(allowsReply('no.such.type', MOTTATT)).toBe(false);
  });

  test('a type carries a body exactly where KS metadata says the body is required', () => {
    for (const spec of messageTypes.filter((entry) => entry.type.startsWith('no.ks.fiks.bekymringsmelding.'))) {
      expect({ type: spec.type, hasBody: spec.body !== 'none' }).toEqual({ type: spec.type, hasBody: ksMetadata(spec.type).body === 'required' });
    }
    expect(messageTypeSpec(MOTTATT)?.body).toBe('none');
    expect(messageTypeSpec(FEILET)?.body).toBe('json');
    expect(messageTypeSpec(FEILET)?.bodyFileName).toBe('feilmelding.json');
    for (const type of REPORT_TYPES) expect(messageTypeSpec(type)?.body).toBe('payload-zip');
  });

  test('every content schema the catalogue names exists', () => {
    const schemas = readdirSync(join(import.meta.dirname, 'schemas'));
    for (const spec of messageTypes) if (spec.contentSchema) expect(schemas).toContain(spec.contentSchema);
  });
});
