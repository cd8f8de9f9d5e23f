// The launch contract: what ackproof gives a receiver it runs as a black box (a command, a
// container image) or reaches as a live service, in environment variables any language can read.
// docs/launch-contract.md explains each to a vendor; this file is the one place the names live.
//
// Every URL points at 127.0.0.1. The broker and the database are reached through ackproof's fault
// proxy (harness/fault-proxy), so a fault can delay, cut or swallow what crosses them, and so the
// boundaries of the receiver's work (a delivery, a commit, an ack) are seen from outside.

export const LAUNCH_VARIABLES = {
  /** amqp://user:password@127.0.0.1:<port>/ — the broker, through the fault proxy. */
  amqpUrl: 'ACKPROOF_AMQP_URL',
  /** The queue to consume (the Fiks IO account's queue); already declared, do not declare it. */
  queue: 'ACKPROOF_QUEUE',
  /** The case system's Fiks IO account id (a UUID): receipts are sent from it. */
  kontoId: 'ACKPROOF_FIKS_IO_KONTO_ID',
  /** Base URL of the Fiks IO send API: receipts go to POST <base>/fiks-io/api/v1/send. */
  sendApiUrl: 'ACKPROOF_SEND_API_URL',
  /** Base URL of dokumentlager: a payload sent by reference is fetched from GET <base><dokumentlager-id>. */
  dokumentlagerUrl: 'ACKPROOF_DOKUMENTLAGER_URL',
  /** postgresql://… — the receiver's own empty database, through the fault proxy. */
  databaseUrl: 'ACKPROOF_DATABASE_URL',
  /** The port on 127.0.0.1 where the receiver must serve the read-back API and its readiness. */
  readBackPort: 'ACKPROOF_READ_BACK_PORT',
} as const;

export type LaunchVariable = (typeof LAUNCH_VARIABLES)[keyof typeof LAUNCH_VARIABLES];

/** The values of the launch contract for one start of a receiver. */
export type LaunchEnvironment = Readonly<Record<LaunchVariable, string>>;
