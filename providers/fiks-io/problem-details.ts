// RFC 9457 problem details, the error body of the simulator's HTTP API. `problems` is an extension
// member: every problem with the JSON pointer into the metadata part, so a client can show all of
// them at once.
import type { ValidationProblem } from '../../contracts/validation/index.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const typeBase = 'https://ackproof.invalid/problems/fiks-io/';

/** One URI per kind of failure, so a client can branch on `type` rather than on words. */
export const PROBLEM_TYPE = {
  malformedRequest: `${typeBase}malformed-request`,
  invalidMetadata: `${typeBase}invalid-metadata`,
  unknownAccount: `${typeBase}unknown-account`,
  dokumentNotFound: `${typeBase}dokument-not-found`,
  notFound: `${typeBase}not-found`,
  methodNotAllowed: `${typeBase}method-not-allowed`,
  tooLarge: `${typeBase}request-too-large`,
  unavailable: `${typeBase}unavailable`,
} as const;

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly problems?: readonly ValidationProblem[];
}

/** Reads a problem+json body leniently: whatever fields are there, with the right types. */
export function parseProblemDetails(text: string): Partial<ProblemDetails> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const problems = Array.isArray(record['problems'])
    ? record['problems'].filter(
        (problem): problem is ValidationProblem =>
          typeof problem === 'object' && problem !== null && typeof (problem as ValidationProblem).pointer === 'string' && typeof (problem as ValidationProblem).message === 'string',
      )
    : undefined;
  return {
    ...(typeof record['type'] === 'string' ? { type: record['type'] } : {}),
    ...(typeof record['title'] === 'string' ? { title: record['title'] } : {}),
    ...(typeof record['status'] === 'number' ? { status: record['status'] } : {}),
    ...(typeof record['detail'] === 'string' ? { detail: record['detail'] } : {}),
    ...(problems === undefined ? {} : { problems }),
  };
}
