// What `--adapter` names: a receiver inside ackproof (`reference`, `faulty:<name>`) or a black box
// — a command to start (`cmd:`), a container image (`image:`), or a service already running
// (`url:`). Parsing only: nothing is started, nothing looked up on disk.
//
// A `cmd:` command is split into words the way a POSIX shell would split it (single and double
// quotes, backslash escapes), so no shell is needed to start it and nothing is expanded: no
// variables, no globs, no pipes. A command that needs those can say `cmd:sh -c '…'`.

export type AdapterSpec =
  | { readonly kind: 'in-process'; readonly name: string }
  | { readonly kind: 'cmd'; readonly spec: string; readonly command: string; readonly argv: readonly [string, ...string[]] }
  | { readonly kind: 'image'; readonly spec: string; readonly image: string }
  | { readonly kind: 'url'; readonly spec: string; readonly baseUrl: string };

/** An adapter spec that does not parse; the message says what was wrong and what a good one looks like. */
export class AdapterSpecError extends Error {
  override readonly name = 'AdapterSpecError';
}

export const BLACK_BOX_PREFIXES = ['cmd:', 'image:', 'url:'] as const;

const FORMS = 'reference, faulty:<name>, cmd:<command>, image:<reference>, url:<base URL>';

export function parseAdapterSpec(spec: string): AdapterSpec {
  const fail = (what: string): never => {
    throw new AdapterSpecError(`adapter ${JSON.stringify(spec)}: ${what} (the forms are: ${FORMS})`);
  };
  if (spec.startsWith('cmd:')) {
    const command = spec.slice('cmd:'.length).trim();
    if (command === '') fail('cmd: needs a command, e.g. cmd:"/usr/bin/python3 examples/python/receiver.py"');
    let words: string[];
    try {
      words = splitCommand(command);
    } catch (error) {
      return fail(`the command does not split into words: ${error instanceof Error ? error.message : String(error)}`);
    }
    const [program, ...rest] = words;
    if (program === undefined || program === '') return fail('cmd: needs a command to run, not only quotes');
    return { kind: 'cmd', spec, command, argv: [program, ...rest] };
  }
  if (spec.startsWith('image:')) {
    const image = spec.slice('image:'.length).trim();
    if (image === '' || /\s/.test(image)) fail('image: needs one image reference without spaces, e.g. image:localhost/ackproof-reference:dev');
    return { kind: 'image', spec, image };
  }
  if (spec.startsWith('url:')) {
    const text = spec.slice('url:'.length).trim();
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail(`url: needs an absolute http(s) URL, e.g. url:http://127.0.0.1:8080; ${JSON.stringify(text)} is not one`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`url: the read-back API is spoken over http or https, not ${url.protocol}`);
    if (url.search !== '' || url.hash !== '') fail('url: give the base URL only, without ?query or #fragment');
    return { kind: 'url', spec, baseUrl: url.href.replace(/\/+$/, '') };
  }
  if (spec.trim() === '') fail('it is empty');
  if (/^[a-z]+:/.test(spec) && !spec.startsWith('faulty:')) fail(`${spec.slice(0, spec.indexOf(':') + 1)} is not a kind of adapter`);
  return { kind: 'in-process', name: spec };
}

/**
 * Splits `text` into words as sh does, without expanding anything: whitespace separates words;
 * '…' keeps everything literally; "…" keeps everything but lets \" \\ \$ \` be escaped; outside
 * quotes a backslash keeps the next character. Throws on an unclosed quote or a trailing backslash.
 */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  const take = (): string => {
    const char = text[index];
    index += 1;
    return char ?? '';
  };
  while (index < text.length) {
    const char = take();
    if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (char === "'") {
      inWord = true;
      const end = text.indexOf("'", index);
      if (end === -1) throw new SyntaxError(`the single quote at character ${index} is never closed`);
      word += text.slice(index, end);
      index = end + 1;
    } else if (char === '"') {
      inWord = true;
      const start = index;
      for (;;) {
        if (index >= text.length) throw new SyntaxError(`the double quote at character ${start} is never closed`);
        const inner = take();
        if (inner === '"') break;
        if (inner === '\\' && index < text.length && '"\\$`'.includes(text[index] ?? '')) word += take();
        else word += inner;
      }
    } else if (char === '\\') {
      if (index >= text.length) throw new SyntaxError('it ends in a backslash that escapes nothing');
      inWord = true;
      word += take();
    } else {
      inWord = true;
      word += char;
    }
  }
  if (inWord) words.push(word);
  return words;
}
