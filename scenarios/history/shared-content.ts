// Report content the history holds once, as the JSON text the portal sent, instead of in copies.
// A run keeps what the portal sent for every report (the recording send API's SentReport holds its
// bekymringsmelding.json as text), and the history used to hold two more, parsed: report-submitted's
// content and the final read-back's stored copy — about 20 KB each for a typical generated report,
// some 2.3 GB for a national year. Here both are accessors over the sent text instead: reading
// `content` (or a read-back's `bekymringsmelding`) parses that text, so the value is the same JSON
// and a history written to disk is the same file, while memory holds one text per report that the
// run keeps anyway, deflated (kept-text.ts: about 2.6 KB a report). Each read parses anew (nothing
// is cached, so nothing is held): the checker reads it only to say where a stored copy differs or
// whether a refused report was valid.
//
// A read-back is shared only when its stored copy has the very digest of what was sent (canonical
// JSON: equal meaning, key order free); a copy that differs is kept as it came, since it is the
// evidence. Its digest is remembered, so the checker does not compute it a second time.
import type { ReadBack } from '../../providers/portal/read-back-client.ts';
import { contentSha256 } from './content-digest.ts';
import type { KeptText } from './kept-text.ts';

/** Event (or read-back) → the JSON text its content accessor parses. */
const texts = new WeakMap<object, KeptText>();
/** Shared read-back → contentSha256 of its bekymringsmelding. */
const digests = new WeakMap<object, string>();

/** `fields` with an enumerable `content` that parses `text` each time it is read. */
export function withContentText<T extends object>(fields: T, text: KeptText): T & { readonly content: unknown } {
  const body = Object.defineProperty({ ...fields }, 'content', { get: () => JSON.parse(text.read()) as unknown, enumerable: true, configurable: true }) as T & { readonly content: unknown };
  texts.set(body, text);
  return body;
}

/** The text an event's content is read from, when it was kept as text (withContentText). */
export function contentTextOf(event: object): KeptText | undefined {
  return texts.get(event);
}

/**
 * `event` with `extra` fields after its own, frozen; an accessor stays an accessor (a spread would
 * call it and keep the parsed value, the copy this file is there to avoid).
 */
export function frozenCopy<T extends object, E extends object>(event: T, extra: E): T & E {
  const text = texts.get(event);
  if (text === undefined) return Object.freeze({ ...event, ...extra });
  const copy = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(event), ...Object.getOwnPropertyDescriptors(extra) }) as T & E;
  texts.set(copy, text);
  return Object.freeze(copy);
}

/**
 * The read-back to keep: when its stored copy has `submittedSha256` (what was sent, whose text is
 * `submittedText`), the same read-back with `bekymringsmelding` read from that text; otherwise the
 * read-back as it came. A stored copy that is no JSON value is kept as it came too.
 */
export function shareReadBack(readBack: ReadBack, submittedText: KeptText, submittedSha256: string): ReadBack {
  // Shared already (the run keeps its answers shared too): its digest was checked then.
  if (digests.has(readBack)) return readBack;
  let storedSha256: string;
  try {
    storedSha256 = contentSha256(readBack.bekymringsmelding);
  } catch {
    return readBack;
  }
  if (storedSha256 !== submittedSha256) return readBack;
  const shared = Object.freeze(
    Object.defineProperties(
      {},
      { ...Object.getOwnPropertyDescriptors(readBack), bekymringsmelding: { get: () => JSON.parse(submittedText.read()) as unknown, enumerable: true, configurable: false } },
    ),
  ) as ReadBack;
  texts.set(shared, submittedText);
  digests.set(shared, storedSha256);
  return shared;
}

/** contentSha256 of a read-back's stored copy, when shareReadBack already computed it. */
export function knownContentSha256(readBack: ReadBack): string | undefined {
  return digests.get(readBack);
}
