// The part of a value that its schema requires. A consumer pact should pin what the consumer
// relies on — the required fields — and no optional field that a provider may rightly leave out:
// pact's type matching fails a provider that omits a key the example has.
import type { AnySchemaObject } from 'ajv';
import { SCHEMA_ID_BASE, schemaDocuments } from '../contracts/validation/schema-registry.ts';

export function requiredPartOf(schemaFile: string, value: unknown): unknown {
  const document = documentFor(SCHEMA_ID_BASE + schemaFile);
  return walk(document, document, value);
}

function documentFor(id: string): AnySchemaObject {
  const document = schemaDocuments.get(id);
  if (!document) throw new Error(`requiredPartOf: no schema ${id} in contracts/schemas`);
  return document;
}

function resolve(document: AnySchemaObject, schema: AnySchemaObject): { document: AnySchemaObject; schema: AnySchemaObject } {
  const ref = schema['$ref'] as string | undefined;
  if (ref === undefined) return { document, schema };
  const [file, pointer = ''] = ref.split('#');
  const target = file ? documentFor(SCHEMA_ID_BASE + file) : document;
  let node: unknown = target;
  for (const segment of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown>)[segment];
  return resolve(target, node as AnySchemaObject);
}

function walk(document: AnySchemaObject, schemaOrRef: AnySchemaObject, value: unknown): unknown {
  const { document: within, schema } = resolve(document, schemaOrRef);
  if (Array.isArray(value)) {
    const items = schema['items'] as AnySchemaObject | undefined;
    return items ? value.map((item) => walk(within, items, item)) : value;
  }
  if (value !== null && typeof value === 'object' && schema['properties']) {
    const properties = schema['properties'] as Record<string, AnySchemaObject>;
    const required = (schema['required'] as string[] | undefined) ?? [];
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      required.filter((key) => key in record).map((key) => [key, properties[key] ? walk(within, properties[key], record[key]) : record[key]]),
    );
  }
  return value;
}
