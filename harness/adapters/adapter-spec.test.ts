// Adapter specs as a user types them: the five forms parse; a command splits like a shell would
// (quotes, escapes) without expanding anything; a spec that does not parse says what was wrong.
import { describe, expect, test } from '@jest/globals';
import { AdapterSpecError, parseAdapterSpec, splitCommand } from './adapter-spec.ts';

describe('parseAdapterSpec', () => {
  test('in-process names, cmd:, image: and url:', () => {
    expect(parseAdapterSpec('reference')).toEqual({ kind: 'in-process', name: 'reference' });
    expect(parseAdapterSpec('faulty:nack-on-error')).toEqual({ kind: 'in-process', name: 'faulty:nack-on-error' });
    expect(parseAdapterSpec('cmd:/usr/bin/python3 examples/python/receiver.py')).toEqual({
      kind: 'cmd',
      spec: 'cmd:/usr/bin/python3 examples/python/receiver.py',
      command: '/usr/bin/python3 examples/python/receiver.py',
      argv: ['/usr/bin/python3', 'examples/python/receiver.py'],
    });
    expect(parseAdapterSpec('image:localhost/ackproof-reference:dev')).toEqual({ kind: 'image', spec: 'image:localhost/ackproof-reference:dev', image: 'localhost/ackproof-reference:dev' });
    expect(parseAdapterSpec('url:http://127.0.0.1:8080/')).toEqual({ kind: 'url', spec: 'url:http://127.0.0.1:8080/', baseUrl: 'http://127.0.0.1:8080' });
  });

  test.each([
    ['cmd:', /cmd: needs a command/],
    ['cmd:   ', /cmd: needs a command/],
    ["cmd:python3 'unclosed", /single quote at character \d+ is never closed/],
    ['cmd:""', /not only quotes/],
    ['image:', /image: needs one image reference/],
    ['image:a b', /without spaces/],
    ['url:', /url: needs an absolute http\(s\) URL/],
    ['url:localhost:8080', /read-back API is spoken over http or https/],
    ['url:ftp://127.0.0.1/', /not ftp:/],
    ['url:http://127.0.0.1:8080/?x=1', /without \?query/],
    ['docker:nginx', /docker: is not a kind of adapter/],
    ['', /it is empty/],
  ])('%j does not parse', (spec, message) => {
    expect(() => parseAdapterSpec(spec)).toThrow(AdapterSpecError);
    expect(() => parseAdapterSpec(spec)).toThrow(message);
    expect(() => parseAdapterSpec(spec)).toThrow(/the forms are: reference, faulty:<name>, cmd:<command>, image:<reference>, url:<base URL>/);
  });
});

describe('splitCommand', () => {
  test('splits like sh, expanding nothing', () => {
    expect(splitCommand('  a   b\tc ')).toEqual(['a', 'b', 'c']);
    expect(splitCommand(`python3 "my receiver.py" --name 'Ærlig $HOME' x\\ y`)).toEqual(['python3', 'my receiver.py', '--name', 'Ærlig $HOME', 'x y']);
    expect(splitCommand(`sh -c 'echo "hi"; exec sleep 1'`)).toEqual(['sh', '-c', 'echo "hi"; exec sleep 1']);
    expect(splitCommand(`a"b"'c'd`)).toEqual(['abcd']);
    expect(splitCommand(`"a \\" \\\\ \\n"`)).toEqual(['a " \\ \\n']);
    expect(splitCommand(`''`)).toEqual(['']);
  });

  test('an unclosed quote or a trailing backslash is an error', () => {
    expect(() => splitCommand('"abc')).toThrow(/double quote at character 1 is never closed/);
    expect(() => splitCommand('abc\\')).toThrow(/ends in a backslash/);
  });
});
