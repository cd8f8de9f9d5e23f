// The AMQP header names a Fiks IO delivery carries (DESIGN.md, "The real protocol"), and the
// custom headers the concern-report protocol adds. Custom headers are sent in the send API's
// `headere` and arrive with the `egendefinert-header.` prefix.

export const HEADER = {
  avsenderId: 'avsender-id',
  meldingId: 'melding-id',
  type: 'type',
  svarTil: 'svar-til',
  svarTilType: 'svar-til-type',
  dokumentlagerId: 'dokumentlager-id',
} as const;

export const CUSTOM_HEADER_PREFIX = 'egendefinert-header.';

/** Custom headers of the concern-report protocol, by their name in the send API's `headere`. */
export const CUSTOM = {
  bekymringsmeldingId: 'bekymringsmelding-id',
  bydelRessursId: 'bydel-ressurs-id',
  /** Reused on a resend, so a receiver can recognise a message it has already handled. */
  klientMeldingId: 'klientMeldingId',
} as const;

export function customHeader(name: string): string {
  return `${CUSTOM_HEADER_PREFIX}${name}`;
}

/** Payloads larger than this travel by dokumentlager reference instead of in the message body. */
export const DOKUMENTLAGER_THRESHOLD_BYTES = 5 * 1024 * 1024;
