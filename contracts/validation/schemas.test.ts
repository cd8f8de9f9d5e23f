// The schema files themselves: well-formed, described, and the same contract as KS's wherever
// contracts/README.md does not say otherwise.
import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FEILET, REPORT_TYPES, messageTypeSpec } from '../message-types.ts';
import type { ReportType } from '../message-types.ts';
import { CUSTOM, HEADER, customHeader } from '../fiks-io-headers.ts';
import { readKsJson } from '../../harness/testing/ks-reference.ts';
import { SCHEMAS_DIR, SCHEMA_ID_BASE } from './schema-registry.ts';

type Schema = Record<string, unknown>;

function ours(file: string): Schema {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as Schema;
}

const schemaFiles = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.json'));

/** Every subschema that stands for a value: property, pattern property, additional property, item, $def. */
function valueSchemas(schema: unknown, path: string): [string, Schema][] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Schema;
  const found: [string, Schema][] = [];
  const visit = (child: unknown, childPath: string): void => {
    if (typeof child !== 'object' || child === null) return;
    found.push([childPath, child as Schema], ...valueSchemas(child, childPath));
  };
  for (const keyword of ['properties', 'patternProperties', '$defs'] as const) {
    for (const [name, child] of Object.entries((node[keyword] as Schema | undefined) ?? {})) visit(child, `${path}/${keyword}/${name}`);
  }
  visit(node['items'], `${path}/items`);
  visit(node['additionalProperties'], `${path}/additionalProperties`);
  for (const [index, branch] of ((node['allOf'] as unknown[] | undefined) ?? []).entries()) {
    for (const part of ['if', 'then'] as const) found.push(...valueSchemas((branch as Schema)[part], `${path}/allOf/${index}/${part}`));
  }
  return found;
}

describe('the schema files', () => {
  test('every file is draft 2019-09 with its $id under the project base, named as the file', () => {
    expect(schemaFiles.length).toBeGreaterThanOrEqual(9);
    for (const file of schemaFiles) {
      const schema = ours(file);
      expect({ file, $schema: schema['$schema'], $id: schema['$id'] }).toEqual({
        file,
        $schema: 'https://json-schema.org/draft/2019-09/schema',
        $id: `${SCHEMA_ID_BASE}${file}`,
      });
    }
  });

  test('every value has a description, since the descriptions are what error messages say', () => {
    const undescribed = schemaFiles.flatMap((file) =>
      [['', ours(file)] as [string, Schema], ...valueSchemas(ours(file), '')]
        .filter(([path, node]) => typeof node['description'] !== 'string' && !path.includes('/allOf/'))
        .map(([path]) => `${file}#${path}`),
    );
    expect(undescribed).toEqual([]);
  });

  test('the message-type catalogue names a schema for each report type and for feilet', () => {
    for (const type of REPORT_TYPES) expect(schemaFiles).toContain(messageTypeSpec(type)?.contentSchema);
    expect(messageTypeSpec(FEILET)?.contentSchema).toBe('feilmelding.schema.json');
  });

  test('the delivery-header schema names the headers the code uses (contracts/fiks-io-headers.ts)', () => {
    const properties = Object.keys(ours('delivery-headers.schema.json')['properties'] as Schema);
    const expected = [...Object.values(HEADER), ...Object.values(CUSTOM).map(customHeader)];
    expect(properties.sort()).toEqual(expected.sort());
  });
});

// The contract KS's schema states, as plain data: types, required lists, patterns, formats, list
// bounds and the nesting of properties, with every $ref followed. Descriptions, titles and the
// names of definitions do not matter; what a value must be does.
interface Shape {
  readonly [keyword: string]: unknown;
}

function shapeOf(schema: Schema, resolve: (ref: string, from: Schema) => Schema, root: Schema): Shape {
  if (typeof schema['$ref'] === 'string') return shapeOf(resolve(schema['$ref'], root), resolve, schema['$ref'].startsWith('#') ? root : resolve(schema['$ref'], root));
  const shape: Record<string, unknown> = {};
  for (const keyword of ['type', 'pattern', 'format', 'minItems', 'maxItems', 'minLength', 'maxLength', 'enum', 'const', 'additionalProperties', 'unevaluatedProperties']) {
    if (schema[keyword] !== undefined) shape[keyword] = schema[keyword];
  }
  if (Array.isArray(schema['required'])) shape['required'] = [...(schema['required'] as string[])].sort();
  if (schema['properties']) {
    shape['properties'] = Object.fromEntries(
      Object.entries(schema['properties'] as Record<string, Schema>).map(([name, child]) => [name, shapeOf(child, resolve, root)]),
    );
  }
  if (schema['items']) shape['items'] = shapeOf(schema['items'] as Schema, resolve, root);
  return shape;
}

function pointerIn(document: Schema, fragment: string): Schema {
  let node: unknown = document;
  for (const segment of fragment.split('/').slice(1)) node = (node as Schema)[segment];
  return node as Schema;
}

// KS's references to the address schema differ per file (./adresse.json, ../adresse.json,
// adresse.json); all of them mean domain/adresse.json.
function ksResolve(ref: string, root: Schema): Schema {
  return ref.startsWith('#') ? pointerIn(root, ref.slice(1)) : (readKsJson('domain/adresse.json') as Schema);
}

function ourResolve(ref: string, root: Schema): Schema {
  return ref.startsWith('#') ? pointerIn(root, ref.slice(1)) : ours(ref);
}

const KS_SCHEMA_FILE: Record<ReportType, string> = {
  'no.ks.fiks.bekymringsmelding.privat.v1': 'domain/privat.bekymringsmelding.v1.json',
  'no.ks.fiks.bekymringsmelding.privat.v2': 'domain/v2/privat.bekymringsmelding.v2.json',
  'no.ks.fiks.bekymringsmelding.offentlig.v1': 'domain/offentlig.bekymringsmelding.v1.json',
  'no.ks.fiks.bekymringsmelding.offentlig.v2': 'domain/v2/offentlig.bekymringsmelding.v2.json',
};

/** KS's shape with the deviations contracts/README.md documents applied, and nothing else. */
function ksShapeWithDocumentedDeviations(type: ReportType): Shape {
  const ks = readKsJson(KS_SCHEMA_FILE[type]) as Schema;
  const shape = structuredClone(shapeOf(ks, ksResolve, ks)) as { properties: Record<string, Record<string, unknown>> };
  if (shape.properties['privatBarn']) {
    // KS: minLength 1 on an array, which constrains nothing. Here: at least one child.
    delete shape.properties['privatBarn']['minLength'];
    shape.properties['privatBarn']['minItems'] = 1;
  }
  // KS: format date-time (zone required), while the portal sends none. Here: local-date-time.
  shape.properties['sendingstidspunkt'] = { type: 'string', format: 'local-date-time' };
  return shape;
}

describe("the report schemas are KS's contract", () => {
  test.each(REPORT_TYPES.map((type) => [type]))('%s: same fields, types, required lists, patterns and nesting as KS, but for the documented deviations', (type) => {
    const file = messageTypeSpec(type)?.contentSchema ?? '';
    const schema = ours(file);
    expect(shapeOf(schema, ourResolve, schema)).toEqual(ksShapeWithDocumentedDeviations(type));
  });

  test('the comparison above would notice a changed pattern (it is not vacuous)', () => {
    const schema = structuredClone(ours('privat.bekymringsmelding.v2.schema.json'));
    ((schema['properties'] as Record<string, Schema>)['bydelsnummer'] as Schema)['pattern'] = '^[0-9]{1,2}$';
    expect(shapeOf(schema, ourResolve, schema)).not.toEqual(ksShapeWithDocumentedDeviations('no.ks.fiks.bekymringsmelding.privat.v2'));
  });

  test('offentlig v2 is v1 plus melding.andreSynspunkter; privat v2 is the same shape as v1', () => {
    const shape = (file: string): Shape => shapeOf(ours(file), ourResolve, ours(file));
    const v2 = structuredClone(shape('offentlig.bekymringsmelding.v2.schema.json')) as { properties: { melding: { properties: Record<string, unknown> } } };
    expect(v2.properties.melding.properties['andreSynspunkter']).toEqual({ type: 'string' });
    delete v2.properties.melding.properties['andreSynspunkter'];
    expect(v2).toEqual(shape('offentlig.bekymringsmelding.v1.schema.json'));
    expect(shape('privat.bekymringsmelding.v2.schema.json')).toEqual(shape('privat.bekymringsmelding.v1.schema.json'));
  });
});
