// Text a run holds from start to end, kept small: every report's bekymringsmelding.json as the
// portal sent it (and the reports a run is given from outside: kept-report.ts). A JavaScript
// string with one æ, ø or å in it takes two bytes a character, so a typical generated report
// (about 9,000 characters) held 18 KB as text; deflated UTF-8 it is about 2.6 KB. A national year
// is 56,802 reports: about 1 GB of text in strings, about 150 MB kept here. read() inflates anew
// each time and caches nothing, so nothing larger is held between reads: the callers read a
// report's text a few times in a run (its digest, its read-back, a difference).
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface KeptText {
  /** The text, exactly as it was kept. */
  read(): string;
}

/** Level 1: about 90 µs to keep a typical report, 50 µs to read it; level 6 saves only 10 % more. */
const LEVEL = 1;

export function keepText(text: string): KeptText & { readonly bytes: number } {
  // A copy of exactly its size: zlib's result is a view of a larger buffer (about 40 KB held per text).
  const deflated = new Uint8Array(deflateRawSync(Buffer.from(text, 'utf8'), { level: LEVEL }));
  return { read: () => inflateRawSync(deflated).toString('utf8'), bytes: deflated.byteLength };
}
