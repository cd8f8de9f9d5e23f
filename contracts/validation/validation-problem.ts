// The project's shape of a validation failure, independent of Ajv: where (a JSON pointer into the
// validated value) and what (a sentence a person understands).

export interface ValidationProblem {
  /** JSON pointer (RFC 6901) to the offending value; "" is the value itself, shown as "(root)". */
  readonly pointer: string;
  readonly message: string;
}

export type ValidationResult = { readonly valid: true } | { readonly valid: false; readonly problems: readonly ValidationProblem[] };

export const ROOT_LABEL = '(root)';

/** One line per problem: "<pointer>: <sentence>", the root shown as "(root)". */
export function formatProblems(problems: readonly ValidationProblem[]): string {
  return problems.map((problem) => `${problem.pointer === '' ? ROOT_LABEL : problem.pointer}: ${problem.message}`).join('\n');
}
