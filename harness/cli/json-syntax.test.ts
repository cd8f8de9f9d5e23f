import { describe, expect, test } from '@jest/globals';
import { findJsonSyntaxError } from './json-syntax.ts';

function v8Position(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const match = /at position (\d+)/.exec((error as Error).message);
    return match ? Number(match[1]) : undefined;
  }
}

const BROKEN = [
  '{\n  "a": 1,\n  b: 2}',
  '{"a": "x\ny"}',
  '[1 2]',
  '{"a":1,}',
  '01',
  '-',
  '{"a" 1}',
  '"\\x"',
  '[1]x',
  '{"a":1}}',
  '{"\\u12G4":1}',
  '[1.]',
  '[1e]',
  '[-01]',
  '{"navn": "Åse Ødegård", "by": "Tromsø" "nr": 1}',
  '{\r\n  "a": 1\r\n  "b": 2\r\n}',
];

describe('findJsonSyntaxError', () => {
  test.each(BROKEN.map((text) => [text]))('finds the same spot as V8 in %j', (text) => {
    const position = v8Position(text);
    expect(position).toBeDefined();
    expect(findJsonSyntaxError(text)?.offset).toBe(position);
  });

  test('locates what V8 leaves without a position, and says what is wrong', () => {
    expect(findJsonSyntaxError('[1,]')).toEqual({ offset: 3, reason: "expected a value, found ']' (a comma before ] is not allowed)" });
    expect(findJsonSyntaxError('[tru]')).toEqual({ offset: 4, reason: "expected true, found ']'" });
    expect(findJsonSyntaxError('{"a": 1')).toEqual({ offset: 7, reason: "expected ',' or '}' after a property value, found the end of the file" });
    expect(findJsonSyntaxError('  ')?.offset).toBe(2);
    expect(findJsonSyntaxError("{'a': 1}")?.reason).toBe("expected a double-quoted property name, found '''");
    expect(findJsonSyntaxError("['a']")?.reason).toBe("expected a value, found ''' (JSON strings take double quotes)");
    expect(findJsonSyntaxError('\uFEFF{}')).toEqual({ offset: 0, reason: 'the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM' });
  });

  test('finds nothing in valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -0.5e+3, true, false, null, "\\u00e6\\n"]} ', '"æøå"', '0', '{"a":{"b":[[]]}}']) {
      expect({ text, error: findJsonSyntaxError(text) }).toEqual({ text, error: undefined });
    }
  });
});
