// The wording and dedup rules on schemas the project does not (yet) have: anyOf/oneOf wrappers.
import { describe, expect, test } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { AnySchemaObject } from 'ajv';
import { describeValue, problemsFromAjv } from './ajv-problems.ts';
import { SchemaDescriptions } from './schema-descriptions.ts';

const ID = 'https://ackproof.invalid/test/alternatives.schema.json';
const schema: AnySchemaObject = {
  $id: ID,
  type: 'object',
  properties: {
    kontakt: {
      description: 'a telephone number of 8 digits or an e-mail address',
      anyOf: [
        { type: 'string', pattern: '^\\d{8}$' },
        { type: 'string', pattern: '@' },
      ],
    },
    rolle: { description: 'lærer or helsesykepleier', oneOf: [{ const: 'lærer' }, { const: 'helsesykepleier' }] },
  },
};

function problemsFor(value: unknown): ReturnType<typeof problemsFromAjv> {
  const ajv = new Ajv2019({ allErrors: true, verbose: true, strict: true });
  const validate = ajv.compile(schema);
  expect(validate(value)).toBe(false);
  return problemsFromAjv(validate.errors ?? [], ID, new SchemaDescriptions(new Map([[ID, schema]])));
}

describe('problemsFromAjv', () => {
  test('an anyOf or oneOf failure is one problem in words, not one per branch plus the wrapper', () => {
    expect(problemsFor({ kontakt: 'ring meg', rolle: 'rektor' })).toEqual([
      { pointer: '/kontakt', message: 'must be a telephone number of 8 digits or an e-mail address; got "ring meg"' },
      { pointer: '/rolle', message: 'must be lærer or helsesykepleier; got "rektor"' },
    ]);
  });

  test('describeValue names the kind of value found', () => {
    expect([null, true, 3, 'x', [], [1], [1, 2], {}].map(describeValue)).toEqual([
      'null',
      'true',
      'the number 3',
      '"x"',
      'an empty list',
      'a list of 1 item',
      'a list of 2 items',
      'an object',
    ]);
  });
});
