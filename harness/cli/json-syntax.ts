// Where a JSON text first breaks the grammar, and what was expected there. V8's JSON.parse stays the
// judge of validity; this scanner only runs after it failed, because V8's message gives no position
// for some errors ("Unexpected token ']', "[1,]" is not valid JSON") and a person needs one.

export interface JsonSyntaxError {
  /** Offset into the text (UTF-16 code units) of the first character that cannot be right. */
  readonly offset: number;
  readonly reason: string;
}

class Stop extends Error {
  readonly at: number;
  constructor(at: number, reason: string) {
    super(reason);
    this.at = at;
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function shown(char: string | undefined): string {
  if (char === undefined) return 'the end of the file';
  if (char === '\uFEFF') return 'a byte-order mark (BOM)';
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 ? `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `'${char}'`;
}

class Scanner {
  readonly #text: string;
  #at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  document(): void {
    if (this.#text.startsWith('\uFEFF')) throw new Stop(0, 'the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM');
    this.#value();
    this.#skipWhitespace();
    if (this.#at < this.#text.length) this.#fail('unexpected text after the end of the JSON value');
  }

  // A method, not a getter: TypeScript would narrow a getter's value across the #at moves between reads.
  #peek(): string | undefined {
    return this.#text[this.#at];
  }

  #fail(reason: string): never {
    throw new Stop(this.#at, reason);
  }

  #skipWhitespace(): void {
    while (WHITESPACE.has(this.#peek() ?? '')) this.#at += 1;
  }

  #expect(char: string, context: string): void {
    this.#skipWhitespace();
    if (this.#peek() !== char) this.#fail(`expected '${char}' ${context}, found ${shown(this.#peek())}`);
    this.#at += 1;
  }

  #value(): void {
    this.#skipWhitespace();
    const char = this.#peek();
    if (char === '{') this.#object();
    else if (char === '[') this.#array();
    else if (char === '"') this.#string();
    else if (char === '-' || isDigit(char)) this.#number();
    else if (char === 't') this.#literal('true');
    else if (char === 'f') this.#literal('false');
    else if (char === 'n') this.#literal('null');
    else this.#fail(`expected a value, found ${shown(char)}${char === "'" ? ' (JSON strings take double quotes)' : ''}`);
  }

  #object(): void {
    this.#at += 1;
    this.#skipWhitespace();
    if (this.#peek() === '}') {
      this.#at += 1;
      return;
    }
    for (;;) {
      this.#skipWhitespace();
      if (this.#peek() !== '"') this.#fail(`expected a double-quoted property name, found ${shown(this.#peek())}${this.#peek() === '}' ? ' (a comma before } is not allowed)' : ''}`);
      this.#string();
      this.#expect(':', 'after the property name');
      this.#value();
      this.#skipWhitespace();
      if (this.#peek() === '}') {
        this.#at += 1;
        return;
      }
      if (this.#peek() !== ',') this.#fail(`expected ',' or '}' after a property value, found ${shown(this.#peek())}`);
      this.#at += 1;
    }
  }

  #array(): void {
    this.#at += 1;
    this.#skipWhitespace();
    if (this.#peek() === ']') {
      this.#at += 1;
      return;
    }
    for (;;) {
      this.#skipWhitespace();
      if (this.#peek() === ']') this.#fail("expected a value, found ']' (a comma before ] is not allowed)");
      this.#value();
      this.#skipWhitespace();
      if (this.#peek() === ']') {
        this.#at += 1;
        return;
      }
      if (this.#peek() !== ',') this.#fail(`expected ',' or ']' after an array element, found ${shown(this.#peek())}`);
      this.#at += 1;
    }
  }

  #string(): void {
    this.#at += 1;
    for (;;) {
      const char = this.#peek();
      if (char === undefined) this.#fail('the string is not closed: expected \'"\' before the end of the file');
      if (char === '"') {
        this.#at += 1;
        return;
      }
      if (char === '\\') {
        this.#at += 1;
        const escaped = this.#peek();
        if (escaped === 'u') {
          for (let digit = 0; digit < 4; digit += 1) {
            this.#at += 1;
            if (!/^[0-9a-fA-F]$/.test(this.#peek() ?? '')) this.#fail(`expected a hexadecimal digit in a \\u escape, found ${shown(this.#peek())}`);
          }
        } else if (escaped === undefined || !ESCAPES.has(escaped)) {
          this.#fail(`${shown(escaped)} cannot follow a backslash in a string (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
        }
      } else if (char < ' ') {
        this.#fail(`${shown(char)} must be escaped inside a string (a line break is written \\n)`);
      }
      this.#at += 1;
    }
  }

  #digits(what: string): void {
    const start = this.#at;
    while (isDigit(this.#peek())) this.#at += 1;
    if (this.#at === start) this.#fail(`expected a digit ${what}, found ${shown(this.#peek())}`);
  }

  #number(): void {
    if (this.#peek() === '-') this.#at += 1;
    if (this.#peek() === '0') {
      this.#at += 1;
      if (isDigit(this.#peek())) this.#fail('a number cannot have a leading zero');
    } else {
      this.#digits('in the number');
    }
    if (this.#peek() === '.') {
      this.#at += 1;
      this.#digits('after the decimal point');
    }
    if (this.#peek() === 'e' || this.#peek() === 'E') {
      this.#at += 1;
      if (this.#peek() === '+' || this.#peek() === '-') this.#at += 1;
      this.#digits('in the exponent');
    }
  }

  #literal(word: string): void {
    for (const expected of word) {
      if (this.#peek() !== expected) this.#fail(`expected ${word}, found ${shown(this.#peek())}`);
      this.#at += 1;
    }
  }
}

/** The first syntax error in `text`, or undefined when the scanner finds none. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.at, reason: error.message };
    if (error instanceof RangeError) return undefined; // nesting too deep for recursion; the caller falls back
    throw error;
  }
}
