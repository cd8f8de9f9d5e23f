// The one Ajv instance of the project: every schema in contracts/schemas, compiled at module load so
// a broken schema fails the first import instead of the first validation that happens to use it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { LOCAL_DATE_TIME_FORMAT, isLocalDateTime } from './local-date-time-format.ts';

export const SCHEMAS_DIR = join(import.meta.dirname, '..', 'schemas');
export const SCHEMA_ID_BASE = 'https://ackproof.invalid/contracts/schemas/';

// ajv-formats' uuid also accepts a "urn:uuid:" prefix; a Fiks IO id never has one, and a receiver
// that parses ids as plain UUIDs would choke on it.
const PLAIN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function loadDocuments(): ReadonlyMap<string, AnySchemaObject> {
  const documents = new Map<string, AnySchemaObject>();
  for (const file of readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as AnySchemaObject;
    if (schema.$id !== SCHEMA_ID_BASE + file) {
      throw new Error(`schema-registry: ${file} has $id ${String(schema.$id)}; it must be ${SCHEMA_ID_BASE + file} so references by file name resolve.`);
    }
    documents.set(schema.$id, schema);
  }
  return documents;
}

/** Every schema document, by $id, as read from contracts/schemas. */
export const schemaDocuments = loadDocuments();

// allErrors: a person fixing a file wants every problem in one go. verbose: errors carry the failing
// schema and value, which the messages quote. allowUnionTypes: ["object", "null"] is the plainest
// way to say "or null". allowMatchingProperties: the named custom headers
// (egendefinert-header.bekymringsmelding-id, ...) are meant to obey the general custom-header rule too.
const ajv = new Ajv2019({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true, allowMatchingProperties: true });
(addFormatsModule as unknown as (instance: Ajv2019) => void)(ajv);
ajv.addFormat('uuid', PLAIN_UUID);
ajv.addFormat(LOCAL_DATE_TIME_FORMAT, isLocalDateTime);
for (const schema of schemaDocuments.values()) ajv.addSchema(schema);

const validators = new Map<string, ValidateFunction>();
for (const id of schemaDocuments.keys()) {
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`schema-registry: Ajv did not compile ${id}.`);
  validators.set(id, validate);
}

/** The compiled validator of a schema file in contracts/schemas, e.g. "adresse.schema.json". */
export function validatorFor(schemaFile: string): ValidateFunction {
  const validate = validators.get(SCHEMA_ID_BASE + schemaFile);
  if (!validate) {
    throw new Error(`schema-registry: there is no ${schemaFile} in ${SCHEMAS_DIR}; the files there are ${[...validators.keys()].map((id) => id.slice(SCHEMA_ID_BASE.length)).join(', ')}.`);
  }
  return validate;
}
