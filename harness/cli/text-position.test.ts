import { describe, expect, test } from '@jest/globals';
import { excerptAt, positionOf } from './text-position.ts';

describe('positionOf', () => {
  test('counts lines from 1 and columns in characters from 1', () => {
    expect(positionOf('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionOf('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(positionOf('ab\n', 3)).toEqual({ line: 2, column: 1 });
  });

  test('a character outside the basic plane is one column, as in an editor', () => {
    const text = '"😀æ": x';
    expect(positionOf(text, text.indexOf('x'))).toEqual({ line: 1, column: 7 });
  });
});

describe('excerptAt', () => {
  test('shows the line and a caret under the spot', () => {
    const text = '{\n  "a": tru\n}';
    expect(excerptAt(text, text.indexOf('t'))).toBe('    "a": tru\n         ^');
  });

  test('cuts a long line around the spot', () => {
    const text = `${'a'.repeat(200)}X${'b'.repeat(200)}`;
    const [line, caret] = excerptAt(text, 200).split('\n');
    expect(line?.startsWith('  …')).toBe(true);
    expect(line?.endsWith('…')).toBe(true);
    expect(line?.[caret?.indexOf('^') ?? -1]).toBe('X');
  });
});
