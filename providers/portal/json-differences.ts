// Where two JSON values differ, as JSON Pointer paths with what differs — never the text itself,
// so an alarm can be logged without copying a child's report into a log. Object key order does not
// matter (JSON objects are unordered); array order and every character of every string do, so
// truncation, a broken æøå or a normalised character all show.

const describeType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

const escapeToken = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

function firstDifferentCharacter(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  for (let index = 0; index < limit; index++) if (a[index] !== b[index]) return index;
  return limit;
}

/** Up to `limit` differences between what was sent and what is stored; empty when deep-equal. */
export function jsonDifferences(sent: unknown, stored: unknown, limit = 20): string[] {
  const differences: string[] = [];
  const note = (path: string, what: string): void => {
    if (differences.length < limit) differences.push(`${path === '' ? '(the whole document)' : path}: ${what}`);
  };
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (differences.length >= limit) return;
    if (typeof a === 'string' && typeof b === 'string') {
      if (a !== b) note(path, `text differs from character ${firstDifferentCharacter(a, b)} (sent ${a.length} characters, stored ${b.length})`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) note(path, `sent ${a.length} items, stored ${b.length}`);
      for (let index = 0; index < Math.min(a.length, b.length); index++) walk(a[index], b[index], `${path}/${index}`);
      return;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(b, key)) note(`${path}/${escapeToken(key)}`, 'sent but not stored');
        else walk(a[key], b[key], `${path}/${escapeToken(key)}`);
      }
      for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) note(`${path}/${escapeToken(key)}`, 'stored but never sent');
      return;
    }
    if (describeType(a) !== describeType(b)) {
      note(path, `sent ${describeType(a)}, stored ${describeType(b)}`);
      return;
    }
    if (a !== b) note(path, `sent ${String(a)}, stored ${String(b)}`);
  };
  walk(sent, stored, '');
  return differences;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
