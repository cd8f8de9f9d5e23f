// Colour on the terminal only where it helps and is wanted: on a TTY, not with NO_COLOR set
// (no-color.org), not on a dumb terminal. Piped output and CI logs stay plain text.
export interface StyleEnvironment {
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function colourWanted({ isTTY, env }: StyleEnvironment): boolean {
  return isTTY && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}

/** Live progress (a line rewritten in place) only on a TTY and outside CI: a log file gets no spinner noise. */
export function liveProgressWanted({ isTTY, env }: StyleEnvironment): boolean {
  return isTTY && (env['CI'] ?? '') === '' && env['TERM'] !== 'dumb';
}

const CODES = { green: 32, red: 31, yellow: 33, bold: 1, dim: 2 } as const;
export type Colour = keyof typeof CODES;

export function paint(text: string, ...colours: Colour[]): string {
  return colours.length === 0 ? text : `\x1b[${colours.map((colour) => CODES[colour]).join(';')}m${text}\x1b[0m`;
}

/** The certification text (certification-text.ts) with its marks and verdict lines coloured. */
export function colourCertificationText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (/^\s+✓ /.test(line)) return line.replace('✓', paint('✓', 'green'));
      if (/^\s+✗ /.test(line)) return line.replace(/✗(\s+\S+\s+)FAILS/, (_, middle: string) => `${paint('✗', 'red')}${middle}${paint('FAILS', 'red', 'bold')}`);
      if (/^\s+\? /.test(line)) return line.replace('?', paint('?', 'yellow'));
      if (line.startsWith('CERTIFIED')) return paint(line, 'green', 'bold');
      if (line.startsWith('NOT CERTIFIED')) return paint(line, 'red', 'bold');
      if (line.startsWith('NO VERDICT')) return paint(line, 'yellow', 'bold');
      return line;
    })
    .join('\n');
}

/** A progress line's mark (✓ ✗ ?) coloured. */
export function colourMark(line: string): string {
  return line.replace(/ ([✓✗?]) /, (_, mark: string) => ` ${paint(mark, mark === '✓' ? 'green' : mark === '✗' ? 'red' : 'yellow')} `);
}
