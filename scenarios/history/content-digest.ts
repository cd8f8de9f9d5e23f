// The digest a history keeps of a report's content, so the checker can tell "stored exactly what
// was sent" from the history alone. It hashes the JSON's MEANING, the same equality the portal's
// read-back judgement uses (providers/portal/json-differences.ts): object key order is free (a
// store may re-serialise), while array order and every character of every string count, so
// truncation or a broken æøå changes the digest.
//
// The checker digests every read-back (a million-event history holds over a hundred thousand), so
// the writer is the hot path of a large check: it appends to one string and keeps no JSON path;
// only a value JSON cannot hold sends it to a second, slow walk that names where that value is.
import { hash } from 'node:crypto';

/** canonicalJson's text, or undefined when `value` holds something JSON cannot (no path kept). */
function writeCanonical(value: unknown): string | undefined {
  let text = '';
  const write = (item: unknown): boolean => {
    if (typeof item === 'string') {
      text += JSON.stringify(item);
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      text += JSON.stringify(item);
    } else if (item === null) {
      text += 'null';
    } else if (typeof item === 'boolean') {
      text += item ? 'true' : 'false';
    } else if (Array.isArray(item)) {
      text += '[';
      for (let index = 0; index < item.length; index++) {
        // A hole (no JSON text has one) is written as the forEach of the first writer wrote it,
        // so no value's digest changes between versions.
        if (!(index in item)) continue;
        if (index > 0) text += ',';
        if (!write(item[index])) return false;
      }
      text += ']';
    } else if (typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      text += '{';
      let first = true;
      for (const key of keys) {
        const field = record[key];
        if (field === undefined) continue;
        if (!first) text += ',';
        first = false;
        text += JSON.stringify(key);
        text += ':';
        if (!write(field)) return false;
      }
      text += '}';
    } else {
      return false;
    }
    return true;
  };
  return write(value) ? text : undefined;
}

/** Where in `value` the first thing JSON cannot hold is, and what it is (depth first, keys sorted). */
function notJsonProblem(value: unknown): string {
  const find = (item: unknown, path: string): string | undefined => {
    const where = path || '(the whole value)';
    if (typeof item === 'number') return Number.isFinite(item) ? undefined : `${where} is ${item}, which JSON cannot hold`;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return undefined;
    if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++) {
        if (!(index in item)) continue;
        const problem = find(item[index], `${path}/${index}`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    if (typeof item === 'object') {
      const record = item as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        const problem = find(record[key], `${path}/${key}`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    return `${where} is a ${typeof item}, which JSON cannot hold`;
  };
  return find(value, '') ?? '(the whole value) is no JSON value';
}

/** JSON with object keys sorted (by UTF-16 code unit), no whitespace: equal JSON values, equal text. */
export function canonicalJson(value: unknown): string {
  const text = writeCanonical(value);
  if (text === undefined) throw new TypeError(`canonicalJson: ${notJsonProblem(value)}`);
  return text;
}

/** SHA-256 (hex) of canonicalJson(content): what report-submitted's contentSha256 must hold. */
export function contentSha256(content: unknown): string {
  return hash('sha256', canonicalJson(content), 'hex');
}
