// Both drivers put the SQLSTATE on the error as `code` (pg's DatabaseError, PGlite's error object).
// 23505 is unique_violation: the way a store learns "I already have this one".

export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' ? code : undefined;
}
