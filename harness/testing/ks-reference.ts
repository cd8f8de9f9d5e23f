// KS's own schemas, metadata and examples, read at test time from ../shared/reference (never copied
// into the project). They are the outside truth the project's contracts are checked against.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ReportType } from '../../contracts/message-types.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');

export const ksReferenceDir = resolve(
  process.env['ACKPROOF_KS_REFERENCE'] ?? join(projectRoot, '..', 'shared', 'reference', 'ks-bekymringsmelding-protokoll'),
);

if (!existsSync(ksReferenceDir)) {
  throw new Error(
    `ks-reference: KS's protocol files are not at ${ksReferenceDir}. ` +
      'Put the shared/ folder beside the project, or set ACKPROOF_KS_REFERENCE to the ks-bekymringsmelding-protokoll folder.',
  );
}

export function readKsJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(ksReferenceDir, relativePath), 'utf8')) as unknown;
}

export function ksExampleFiles(): string[] {
  return readdirSync(join(ksReferenceDir, 'examples')).filter((name) => name.endsWith('.json'));
}

/** KS's metadata for one message type: { meldingstype, beskrivelse, body? } (some files hold a one-element list). */
export function ksMetadata(type: string): { meldingstype: string; body?: string } {
  const raw = readKsJson(join(type, `${type}.metadata.json`)) as { meldingstype: string; body?: string } | { meldingstype: string; body?: string }[];
  const entry = Array.isArray(raw) ? raw[0] : raw;
  if (!entry) throw new Error(`ks-reference: ${type}.metadata.json is empty`);
  return entry;
}

const ksSchemaFile: Record<ReportType | 'feilmelding', string> = {
  'no.ks.fiks.bekymringsmelding.privat.v1': 'domain/privat.bekymringsmelding.v1.json',
  'no.ks.fiks.bekymringsmelding.offentlig.v1': 'domain/offentlig.bekymringsmelding.v1.json',
  'no.ks.fiks.bekymringsmelding.privat.v2': 'domain/v2/privat.bekymringsmelding.v2.json',
  'no.ks.fiks.bekymringsmelding.offentlig.v2': 'domain/v2/offentlig.bekymringsmelding.v2.json',
  feilmelding: 'domain/feilmelding.json',
};

// The one relaxation: KS's schemas say `format: date-time` (RFC 3339, zone required) for
// sendingstidspunkt, yet KS's own examples and the real portal send local Norwegian time with no
// zone ("2020-03-16T13:29:33"). Checked strictly, KS's schemas reject KS's own examples. Here
// date-time accepts an optional zone; every other keyword and format of KS's files is as KS wrote it.
const LOCAL_OR_ZONED_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/i;

let compiled: Map<string, ValidateFunction> | undefined;

/** A validator built from KS's own schema for the type, with only date-time relaxed (see above). */
export function ksValidator(type: ReportType | 'feilmelding'): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    const addFormats = addFormatsModule as unknown as (instance: Ajv2019) => void;
    addFormats(ajv);
    ajv.addFormat('date-time', LOCAL_OR_ZONED_DATE_TIME);
    // KS's files refer to the address schema as ./adresse.json, ../adresse.json and adresse.json;
    // all resolve to https://fiks.ks.no/adresse.json, while the file's own $id is
    // .../bekymringsmelding.adresse.json. Register it under the address the references use.
    const adresse = readKsJson('domain/adresse.json') as Record<string, unknown>;
    ajv.addSchema({ ...adresse, $id: 'https://fiks.ks.no/adresse.json' });
    compiled = new Map();
    for (const [key, file] of Object.entries(ksSchemaFile)) {
      compiled.set(key, ajv.compile(readKsJson(file) as object));
    }
  }
  const validate = compiled.get(type);
  if (!validate) throw new Error(`ks-reference: no KS schema for ${type}`);
  return validate;
}
