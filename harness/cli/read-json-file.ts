// Reads a JSON file named on the command line, or says exactly why it cannot: missing, unreadable,
// not UTF-8, or not JSON (with line, column and the line itself).
import { readFileSync } from 'node:fs';
import { findJsonSyntaxError } from './json-syntax.ts';
import { excerptAt, positionOf } from './text-position.ts';
import { firstInvalidUtf8Byte } from './utf8-check.ts';
import { InputError } from './usage-error.ts';

const READ_FAILURES: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const why = READ_FAILURES[code] ?? (error as Error).message;
    const hint = code === 'ENOENT' ? ` Check the path (a relative path starts from ${process.cwd()}).` : '';
    throw new InputError(`cannot read ${file}: ${why}.${hint}`);
  }
}

function decodeUtf8(file: string, bytes: Buffer): string {
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad === undefined) return bytes.toString('utf8');
  const before = bytes.subarray(0, bad).toString('utf8');
  const { line, column } = positionOf(before, before.length);
  throw new InputError(
    `${file} is not UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at line ${line}, column ${column} is not valid UTF-8. ` +
      'JSON must be UTF-8; a file saved as Latin-1 or Windows-1252 breaks æ, ø and å. Save it as UTF-8.',
  );
}

function syntaxMessage(file: string, text: string, error: unknown): string {
  const found = findJsonSyntaxError(text);
  const v8Reason = error instanceof Error ? error.message : String(error);
  const offset = found?.offset ?? Number(/at position (\d+)/.exec(v8Reason)?.[1] ?? text.length);
  const reason = found?.reason ?? v8Reason.replace(/ in JSON at position \d+.*$/s, '');
  const { line, column } = positionOf(text, offset);
  return `${file} is not valid JSON: at line ${line}, column ${column}: ${reason}\n${excerptAt(text, offset)}`;
}

/** The parsed content of a JSON file; throws an InputError that says what is wrong and where. */
export function readJsonFile(file: string): unknown {
  const text = decodeUtf8(file, readBytes(file));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(syntaxMessage(file, text, error));
  }
}
