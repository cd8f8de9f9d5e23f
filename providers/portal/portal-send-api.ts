// The part of Fiks IO's send API the portal uses, declared here so the portal depends on no
// simulator: the simulator's SendApi (providers/fiks-io/send-api.ts) and an HTTP client of the real
// POST /fiks-io/api/v1/send both fit it structurally.

export interface PortalSendMetadata {
  readonly avsenderKontoId: string;
  readonly mottakerKontoId: string;
  readonly meldingType: string;
  /** Time to live in ms. */
  readonly ttl?: number;
  /** Custom headers by bare name; they arrive as `egendefinert-header.<name>`. */
  readonly headere?: Readonly<Record<string, string>>;
}

export interface PortalSendApi {
  /**
   * Resolves with the melding-id Fiks IO gave this send (new on every send, resends included).
   * A rejection may mean "not sent" or "unknown": the portal treats both as not sent and sends
   * again later, so sending is at-least-once and receivers dedupe on klientMeldingId.
   */
  send(request: { readonly metadata: PortalSendMetadata; readonly data: Uint8Array }): Promise<{ readonly meldingId: string }>;
}
