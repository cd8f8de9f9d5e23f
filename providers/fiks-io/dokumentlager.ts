// Fiks Dokumentlager as far as Fiks IO uses it: payloads over 5 MB are stored here and the message
// carries only the id. A stored payload can be fetched until TTL + 24 h after the send, by the
// injected clock; expired entries are swept on every call rather than by timers, so a VirtualClock
// never has a dokumentlager timer keeping it busy.
import type { Clock } from '../../harness/time/clock.ts';

/** How long after the message's TTL a payload stays fetchable. */
export const DOKUMENTLAGER_GRACE_MS = 24 * 60 * 60 * 1000;

export class DokumentlagerNotFoundError extends Error {
  readonly dokumentlagerId: string;

  constructor(caller: string, dokumentlagerId: string) {
    super(
      `${caller}: no document with dokumentlager-id '${dokumentlagerId}': it was never stored, or its retention (the message's TTL + 24 h after the send) has run out. ` +
        'A receiver must fetch a payload by reference before then; a late fetch cannot recover it.',
    );
    this.name = 'DokumentlagerNotFoundError';
    this.dokumentlagerId = dokumentlagerId;
  }
}

interface StoredDocument {
  readonly bytes: Uint8Array;
  /** Gone from this instant on. */
  readonly expiresAt: number;
}

export class Dokumentlager {
  readonly #clock: Clock;
  readonly #documents = new Map<string, StoredDocument>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Keeps a copy of bytes for ttlMs + 24 h from now. */
  store(dokumentlagerId: string, bytes: Uint8Array, ttlMs: number): void {
    this.#sweep();
    if (this.#documents.has(dokumentlagerId)) {
      throw new Error(`dokumentlager.store: dokumentlager-id '${dokumentlagerId}' is already taken; ids must be unique (draw a new one)`);
    }
    this.#documents.set(dokumentlagerId, { bytes: bytes.slice(), expiresAt: this.#clock.now() + ttlMs + DOKUMENTLAGER_GRACE_MS });
  }

  /** A copy of the stored bytes; DokumentlagerNotFoundError when unknown or expired. */
  fetch(dokumentlagerId: string): Uint8Array {
    this.#sweep();
    const document = this.#documents.get(dokumentlagerId);
    if (document === undefined) throw new DokumentlagerNotFoundError('dokumentlager.fetch', dokumentlagerId);
    return document.bytes.slice();
  }

  /** Documents still held, for tests and leak checks. */
  get size(): number {
    this.#sweep();
    return this.#documents.size;
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, document] of this.#documents) if (now >= document.expiresAt) this.#documents.delete(id);
  }
}
