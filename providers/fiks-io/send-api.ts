// The Fiks IO send API as its callers see it: the portal sends reports and case systems send
// receipts through this one interface, so the same code runs against the simulator in-process and
// against the simulator's HTTP server (createHttpSendApiClient).

/** The `metadata` part of POST /fiks-io/api/v1/send (contracts/schemas/send-metadata.schema.json). */
export interface SendMetadata {
  readonly avsenderKontoId: string;
  readonly mottakerKontoId: string;
  readonly meldingType: string;
  /** Time to live in ms; DEFAULT_TTL_MS when left out. */
  readonly ttl?: number;
  /** The melding-id this message answers; null or left out when it answers none. */
  readonly svarPaMelding?: string | null;
  /** Custom headers by bare name; they arrive as `egendefinert-header.<name>`. */
  readonly headere?: Readonly<Record<string, string>>;
}

export interface SendRequest {
  readonly metadata: SendMetadata;
  /** The payload (the `data` part). Empty for receipts such as mottatt.v1. */
  readonly data: Uint8Array;
}

/** All a sender may rely on: the melding-id Fiks IO gave this send (new on every send, resends included). */
export interface SendResult {
  readonly meldingId: string;
}

/**
 * What the simulator answers, shaped as KS's SendtMeldingApiModel (the real API's 200 body):
 * the message's metadata with the assigned meldingId, the ttl applied, and the dokumentlagerId
 * when the payload went by reference.
 */
export interface SendtMelding extends SendResult {
  readonly meldingType: string;
  readonly avsenderKontoId: string;
  readonly mottakerKontoId: string;
  readonly ttl: number;
  readonly dokumentlagerId?: string;
  readonly svarPaMelding?: string;
  readonly headere: Readonly<Record<string, string>>;
}

export interface SendApi {
  /**
   * Resolves once Fiks IO has the message. Rejects with SendRequestError when the request is
   * refused (definitive: nothing was sent), or with SendApiUnavailableError when the outcome is
   * unknown (the caller must retry).
   */
  send(request: SendRequest): Promise<SendResult>;
}

/**
 * KS's clients (fiks-io-client-dotnet's MeldingRequest) send a TTL of 2 days when the caller gives
 * none, and the real API always reports a ttl; the simulator applies the same default so a message
 * never lives forever in a queue.
 */
export const DEFAULT_TTL_MS = 2 * 24 * 60 * 60 * 1000;

export const SEND_PATH = '/fiks-io/api/v1/send';
export const DOKUMENTLAGER_PATH_PREFIX = '/dokumentlager/api/v1/dokumenter/';
