// The digest a history keeps of a report's content, so the checker can tell "stored exactly what
// was sent" from the history alone. It hashes the JSON's MEANING, the same equality the portal's
// read-back judgement uses (providers/portal/json-differences.ts): object key order is free (a
// store may re-serialise), while array order and every character of every string count, so
// truncation or a broken æøå changes the digest.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted (by UTF-16 code unit), no whitespace: equal JSON values, equal text. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  const write = (item: unknown, path: string): void => {
    if (item === null || typeof item === 'string' || typeof item === 'boolean') {
      parts.push(JSON.stringify(item));
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw new TypeError(`canonicalJson: ${path || '(the whole value)'} is ${item}, which JSON cannot hold`);
      parts.push(JSON.stringify(item));
    } else if (Array.isArray(item)) {
      parts.push('[');
      item.forEach((element, index) => {
        if (index > 0) parts.push(',');
        write(element, `${path}/${index}`);
      });
      parts.push(']');
    } else if (typeof item === 'object') {
      parts.push('{');
      const keys = Object.keys(item).filter((key) => (item as Record<string, unknown>)[key] !== undefined).sort();
      keys.forEach((key, index) => {
        if (index > 0) parts.push(',');
        parts.push(JSON.stringify(key), ':');
        write((item as Record<string, unknown>)[key], `${path}/${key}`);
      });
      parts.push('}');
    } else {
      throw new TypeError(`canonicalJson: ${path || '(the whole value)'} is a ${typeof item}, which JSON cannot hold`);
    }
  };
  write(value, '');
  return parts.join('');
}

/** SHA-256 (hex) of canonicalJson(content): what report-submitted's contentSha256 must hold. */
export function contentSha256(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
