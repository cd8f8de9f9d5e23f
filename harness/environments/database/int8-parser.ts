// int8 values come back as JS numbers on both databases (see database.ts): ids and counts in this
// harness stay far below 2^53, and a value that does not would be silently rounded as a number or
// change type as a bigint — so it fails loudly instead.

export const INT8_OID = 20;
export const BYTEA_OID = 17;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`database: the int8 value ${text} is beyond Number.MAX_SAFE_INTEGER and cannot be returned as a number without rounding; cast it to text in the query.`);
  }
  return value;
}
