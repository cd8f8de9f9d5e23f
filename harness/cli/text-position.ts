// Line and column of an offset in a text, and the line itself with a caret under the spot, for
// messages about files a person will open in an editor.

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters (code points), as editors count. */
  readonly column: number;
}

const EXCERPT_WIDTH = 72;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function positionOf(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < clamped; index = text.indexOf('\n', index + 1)) line += 1;
  const column = Array.from(text.slice(lineStart(text, clamped), clamped)).length + 1;
  return { line, column };
}

/** The line holding `offset`, cut to a readable width around it, and a caret line under the spot. */
export function excerptAt(text: string, offset: number): string {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const start = lineStart(text, clamped);
  const end = text.indexOf('\n', start);
  const line = Array.from(text.slice(start, end === -1 ? text.length : end).replace(/\r$/, ''));
  const column = Array.from(text.slice(start, clamped)).length;
  const from = Math.max(0, Math.min(column - EXCERPT_WIDTH / 2, line.length - EXCERPT_WIDTH));
  const shown = line.slice(from, from + EXCERPT_WIDTH).map((char) => (char === '\t' ? ' ' : char));
  const prefix = from > 0 ? '…' : '';
  const suffix = from + EXCERPT_WIDTH < line.length ? '…' : '';
  return `  ${prefix}${shown.join('')}${suffix}\n  ${' '.repeat(prefix.length + column - from)}^`;
}
