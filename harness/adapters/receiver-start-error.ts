// Why a black-box receiver could not be run, in the two ways that decide the exit code:
//
//   it never started (no such command, it exited at once, it never got ready, the environment
//   cannot run it): the receiver as given is unusable — bad input, exit 2, before any verdict;
//   it started, and later could not be started again: the run has no verdict — exit 3.
export class ReceiverStartError extends Error {
  override readonly name = 'ReceiverStartError';
  /** True when this receiver was never once ready (in this certification): the input is at fault. */
  readonly neverStarted: boolean;

  constructor(message: string, neverStarted: boolean, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.neverStarted = neverStarted;
  }
}
