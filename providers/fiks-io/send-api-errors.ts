// The two ways a send can fail, kept apart because the sender must act differently: a refused
// request was definitely not sent (fix it, do not retry it as is); an unavailable API leaves the
// outcome unknown (retry; the resend gets a new melding-id, so keep klientMeldingId for dedupe).
import type { ValidationProblem } from '../../contracts/validation/index.ts';

/** 400: the request is malformed; 403: not allowed to send as that account; 404: no such recipient account. */
export type SendRequestStatus = 400 | 403 | 404;

export interface SendRequestRefusal {
  readonly status: SendRequestStatus;
  /** Short and fixed per kind of refusal (the problem+json `title`). */
  readonly title: string;
  /** Exactly what is wrong (the problem+json `detail`). */
  readonly detail: string;
  /** Each problem with the JSON pointer into the metadata ("" when it concerns the request as a whole). */
  readonly problems: readonly ValidationProblem[];
}

/** The send API refused the request: nothing was sent. */
export class SendRequestError extends Error {
  readonly status: SendRequestStatus;
  readonly title: string;
  readonly detail: string;
  readonly problems: readonly ValidationProblem[];

  constructor(caller: string, refusal: SendRequestRefusal) {
    super(`${caller}: the send API refused the request (${refusal.status} ${refusal.title}), nothing was sent: ${refusal.detail}`);
    this.name = 'SendRequestError';
    this.status = refusal.status;
    this.title = refusal.title;
    this.detail = refusal.detail;
    this.problems = refusal.problems;
  }
}

/** The send API could not be reached or failed on its side: the message may or may not have been sent. */
export class SendApiUnavailableError extends Error {
  constructor(caller: string, what: string, options?: { readonly cause?: unknown }) {
    super(
      `${caller}: ${what}; the outcome is unknown (the message may or may not have been sent). ` +
        'Retry the send: a resend gets a new melding-id, so keep egendefinert-header klientMeldingId the same for the receiver to deduplicate.',
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'SendApiUnavailableError';
  }
}
