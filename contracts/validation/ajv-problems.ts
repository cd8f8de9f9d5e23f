// Turns Ajv's errors into ValidationProblems: every error at once, each pointing at the offending
// value itself, worded from the schema's descriptions, without the wrapper noise that if/then and
// anyOf/oneOf add on top of the error that matters.
import type { ErrorObject } from 'ajv';
import type { SchemaDescriptions } from './schema-descriptions.ts';
import type { ValidationProblem } from './validation-problem.ts';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list (array)',
  null: 'null',
};

const MAX_SHOWN_STRING = 60;

function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A short rendering of the value that was found, for the "; got …" part of a message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_SHOWN_STRING ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, MAX_SHOWN_STRING))}… (${value.length} characters)`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function expected(description: string | undefined, fallback: string): string {
  return description ?? fallback;
}

function typeWords(type: unknown): string {
  return String(type)
    .split(',')
    .map((name) => TYPE_WORDS[name] ?? name)
    .join(' or ');
}

function sentence(error: ErrorObject, description: string | undefined): string {
  const got = `got ${describeValue(error.data)}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `required but missing: ${expected(description, 'a required property')}`;
    case 'type': {
      // Descriptions mostly end in their type ("…, a string"); say the type only where they do not.
      const words = typeWords(params['type']);
      if (description?.includes(words)) return `must be ${description}; ${got}`;
      return `must be ${words}${description ? `: ${description}` : ''}; ${got}`;
    }
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params['limit']);
      const count = Array.isArray(error.data) ? error.data.length : 0;
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return `must have ${bound} ${limit} item${limit === 1 ? '' : 's'}${description ? `: ${description}` : ''}; got ${count === 0 ? 'none' : count}`;
    }
    case 'enum':
      return `must be ${expected(description, 'one of the allowed values')} (${(params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ')}); ${got}`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `has a property the schema does not allow: ${JSON.stringify(params['additionalProperty'] ?? params['unevaluatedProperty'])}`;
    default:
      return description ? `must be ${description}; ${got}` : `${error.message ?? `fails ${error.keyword}`}; ${got}`;
  }
}

// Where the walk from the root finds nothing (a value under a keyword the walk does not follow),
// the schema that failed still knows what it wanted.
function fallbackDescription(error: ErrorObject, missing: string | undefined): string | undefined {
  const schema = error.parentSchema;
  const described = missing === undefined ? schema : (schema?.['properties'] as Record<string, { description?: unknown }> | undefined)?.[missing];
  return typeof described?.description === 'string' ? described.description : undefined;
}

/** Ajv's errors for one validation of data against the schema `rootId`, as ValidationProblems. */
export function problemsFromAjv(errors: readonly ErrorObject[], rootId: string, descriptions: SchemaDescriptions): ValidationProblem[] {
  // The real complaint under an if/then or an anyOf/oneOf is the branch's own error, or for
  // anyOf/oneOf the one summary; the rest is the same complaint again in schema vocabulary.
  const alternatives = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => `${error.schemaPath}/`);
  const relevant = errors.filter(
    (error) => error.keyword !== 'if' && !alternatives.some((prefix) => error.schemaPath.startsWith(prefix)),
  );
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const error of relevant) {
    const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
    const pointer = missing === undefined ? error.instancePath : `${error.instancePath}/${escapePointerSegment(missing)}`;
    const description = descriptions.at(rootId, pointer) ?? fallbackDescription(error, missing);
    const problem = { pointer, message: sentence(error, description) };
    const key = `${problem.pointer}\n${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
