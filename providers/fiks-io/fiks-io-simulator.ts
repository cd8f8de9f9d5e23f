// The Fiks IO simulator: accounts (one queue each), the send API's logic, dokumentlager for large
// payloads, and the platform's own receipts when a message dies. It sits on a QueueTransport, so
// the same simulator runs on the embedded broker (virtual clock) and on real RabbitMQ. It owns its
// dead-letter subscription, not the transport: one simulator per transport, or two simulators
// would both answer every dead letter.
import { DOKUMENTLAGER_THRESHOLD_BYTES, HEADER } from '../../contracts/fiks-io-headers.ts';
import { formatProblems, validateSendMetadata } from '../../contracts/validation/index.ts';
import type { Clock } from '../../harness/time/clock.ts';
import type { Random } from '../../scenarios/workloads/random.ts';
import { deliveryHeaders } from './delivery-headers.ts';
import { Dokumentlager } from './dokumentlager.ts';
import type { FiksIoEvent } from './fiks-io-events.ts';
import { PLATFORM_KONTO_ID, platformReceipt, platformReceiptType } from './platform-receipts.ts';
import { SendRequestError } from './send-api-errors.ts';
import { DEFAULT_TTL_MS } from './send-api.ts';
import type { SendApi, SendRequest, SendtMelding } from './send-api.ts';
import type { DeadLetter, QueueTransport, Subscription } from './transport/queue-transport.ts';

export interface FiksIoSimulatorOptions {
  /** Owned by the caller: the simulator never closes it. */
  readonly transport: QueueTransport;
  readonly clock: Clock;
  /** melding-ids and dokumentlager-ids are drawn from forks of it, so a run replays from its seed. */
  readonly random: Random;
  readonly onEvent?: (event: FiksIoEvent) => void;
  /**
   * Payloads larger than this travel by dokumentlager reference; Fiks IO's 5 MB unless told.
   * Lowered only where a test needs the reference path for an ordinary report.
   */
  readonly dokumentlagerThresholdBytes?: number;
}

export interface FiksIoSimulator extends SendApi {
  /** Declares the account's queue `fiksio.konto.<kontoId>`; idempotent. kontoId must be a UUID, as the send API's are. */
  createAccount(kontoId: string): Promise<void>;
  /** The queue a receiver consumes for the account. */
  queueFor(kontoId: string): string;
  send(request: SendRequest): Promise<SendtMelding>;
  /** The payload of a message sent by reference; DokumentlagerNotFoundError when unknown or past TTL + 24 h. */
  fetchDokumentlager(dokumentlagerId: string): Promise<Uint8Array>;
  /** Stops answering dead letters and waits for receipts under way. Leaves the transport open. */
  close(): Promise<void>;
}

export const ACCOUNT_QUEUE_PREFIX = 'fiksio.konto.';

export function accountQueue(kontoId: string): string {
  return `${ACCOUNT_QUEUE_PREFIX}${kontoId}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createFiksIoSimulator(options: FiksIoSimulatorOptions): Promise<FiksIoSimulator> {
  const simulator = new Simulator(options);
  await simulator.start();
  return simulator;
}

class Simulator implements FiksIoSimulator {
  readonly #transport: QueueTransport;
  readonly #clock: Clock;
  readonly #meldingIds: Random;
  readonly #dokumentlagerIds: Random;
  readonly #onEvent: (event: FiksIoEvent) => void;
  readonly #dokumentlager: Dokumentlager;
  readonly #dokumentlagerThresholdBytes: number;
  readonly #accounts = new Set<string>([PLATFORM_KONTO_ID]);
  /** The type of every melding-id this simulator assigned, for svar-til-type on replies. */
  readonly #typeOf = new Map<string, string>();
  readonly #receiptsUnderWay = new Set<Promise<void>>();
  #deadLetters: Subscription | undefined;
  #closed = false;

  constructor(options: FiksIoSimulatorOptions) {
    this.#transport = options.transport;
    this.#clock = options.clock;
    // Separate streams: whether a payload went by reference must not shift the melding-ids after it.
    this.#meldingIds = options.random.fork('fiks-io/melding-id');
    this.#dokumentlagerIds = options.random.fork('fiks-io/dokumentlager-id');
    this.#onEvent = options.onEvent ?? (() => undefined);
    this.#dokumentlager = new Dokumentlager(options.clock);
    this.#dokumentlagerThresholdBytes = options.dokumentlagerThresholdBytes ?? DOKUMENTLAGER_THRESHOLD_BYTES;
  }

  async start(): Promise<void> {
    this.#deadLetters = await this.#transport.onDeadLetter((letter) => this.#onDeadLetter(letter));
  }

  async createAccount(kontoId: string): Promise<void> {
    this.#checkOpen('createAccount');
    if (typeof kontoId !== 'string' || !uuidPattern.test(kontoId)) {
      throw new TypeError(`fiksIoSimulator.createAccount: kontoId must be a UUID (the send API addresses accounts by UUID), got ${JSON.stringify(kontoId)}`);
    }
    if (kontoId.toLowerCase() === PLATFORM_KONTO_ID) {
      throw new Error(`fiksIoSimulator.createAccount: ${kontoId} is the platform's own account (PLATFORM_KONTO_ID); pick another id`);
    }
    await this.#transport.declareQueue(this.queueFor(kontoId));
    this.#accounts.add(kontoId);
  }

  queueFor(kontoId: string): string {
    return accountQueue(kontoId);
  }

  async send(request: SendRequest): Promise<SendtMelding> {
    const caller = 'fiksIoSimulator.send';
    this.#checkOpen('send');
    const { metadata, data } = request;
    const check = validateSendMetadata(metadata);
    if (!check.valid) {
      throw new SendRequestError(caller, {
        status: 400,
        title: 'Invalid send metadata',
        detail: `the metadata part breaks the send-metadata contract:\n${formatProblems(check.problems)}`,
        problems: check.problems,
      });
    }
    if (!(data instanceof Uint8Array)) {
      throw new SendRequestError(caller, { status: 400, title: 'Invalid data', detail: 'the data part must be bytes (a Uint8Array)', problems: [] });
    }
    this.#checkAccounts(caller, metadata.avsenderKontoId, metadata.mottakerKontoId);

    const meldingId = this.#meldingIds.uuid();
    const ttl = metadata.ttl ?? DEFAULT_TTL_MS;
    const viaDokumentlager = data.byteLength > this.#dokumentlagerThresholdBytes;
    const dokumentlagerId = viaDokumentlager ? this.#dokumentlagerIds.uuid() : undefined;
    const svarPaMelding = typeof metadata.svarPaMelding === 'string' ? metadata.svarPaMelding : undefined;
    const headers = deliveryHeaders({
      meldingId,
      metadata,
      svarTilType: svarPaMelding === undefined ? undefined : this.#typeOf.get(svarPaMelding),
      dokumentlagerId,
    });
    this.#typeOf.set(meldingId, metadata.meldingType);
    if (dokumentlagerId !== undefined) this.#dokumentlager.store(dokumentlagerId, data, ttl);

    await this.#transport.publish(this.queueFor(metadata.mottakerKontoId), {
      headers,
      body: viaDokumentlager ? new Uint8Array(0) : data,
      expirationMs: ttl,
    });
    this.#onEvent({
      kind: 'sent',
      at: this.#clock.now(),
      meldingId,
      type: metadata.meldingType,
      from: metadata.avsenderKontoId,
      to: metadata.mottakerKontoId,
      bytes: data.byteLength,
      viaDokumentlager,
    });
    return {
      meldingId,
      meldingType: metadata.meldingType,
      avsenderKontoId: metadata.avsenderKontoId,
      mottakerKontoId: metadata.mottakerKontoId,
      ttl,
      ...(dokumentlagerId === undefined ? {} : { dokumentlagerId }),
      ...(svarPaMelding === undefined ? {} : { svarPaMelding }),
      headere: { ...metadata.headere },
    };
  }

  async fetchDokumentlager(dokumentlagerId: string): Promise<Uint8Array> {
    await Promise.resolve();
    return this.#dokumentlager.fetch(dokumentlagerId);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#deadLetters?.close();
    await Promise.all(this.#receiptsUnderWay);
  }

  #checkOpen(method: string): void {
    if (this.#closed) throw new Error(`fiksIoSimulator.${method}: the simulator is closed; create a new one`);
  }

  #checkAccounts(caller: string, avsender: string, mottaker: string): void {
    if (!this.#accounts.has(avsender) || avsender === PLATFORM_KONTO_ID) {
      throw new SendRequestError(caller, {
        status: 403,
        title: 'Unknown sender account',
        detail: `avsenderKontoId ${avsender} is not an account on this Fiks IO (create it with createAccount); Fiks IO only lets you send as an account you hold, and platform receipts for this message would have nowhere to go`,
        problems: [{ pointer: '/avsenderKontoId', message: `no account ${avsender} exists` }],
      });
    }
    if (!this.#accounts.has(mottaker) || mottaker === PLATFORM_KONTO_ID) {
      throw new SendRequestError(caller, {
        status: 404,
        title: 'Unknown recipient account',
        detail: `mottakerKontoId ${mottaker} is not an account on this Fiks IO (create it with createAccount); check the recipient's account id`,
        problems: [{ pointer: '/mottakerKontoId', message: `no account ${mottaker} exists` }],
      });
    }
  }

  #onDeadLetter(letter: DeadLetter): void {
    if (this.#closed || !letter.queue.startsWith(ACCOUNT_QUEUE_PREFIX)) return;
    const { headers } = letter.message;
    const meldingId = headers[HEADER.meldingId] ?? '(no melding-id)';
    const at = this.#clock.now();
    this.#onEvent({ kind: 'dead-lettered', at, meldingId, reason: letter.reason });
    const type = platformReceiptType(letter.reason);
    if (type === undefined) {
      this.#onEvent({ kind: 'dropped-silently', at, meldingId });
      return;
    }
    const to = headers[HEADER.avsenderId];
    // Nobody to tell: a platform receipt that dies itself, or a message the send API never made.
    if (to === undefined || to === PLATFORM_KONTO_ID || headers[HEADER.meldingId] === undefined) return;
    // Drawn here, synchronously, so the order of ids replays on the embedded broker.
    const receiptId = this.#meldingIds.uuid();
    this.#typeOf.set(receiptId, type);
    const receipt = platformReceipt({ type, meldingId: receiptId, svarTil: meldingId, svarTilType: headers[HEADER.type] });
    const underWay = this.#transport.publish(this.queueFor(to), receipt).then(
      () => this.#onEvent({ kind: 'platform-receipt-sent', at: this.#clock.now(), svarTil: meldingId, type, meldingId: receiptId, to }),
      (error: unknown) =>
        this.#onEvent({
          kind: 'platform-receipt-failed',
          at: this.#clock.now(),
          svarTil: meldingId,
          type,
          to,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    this.#receiptsUnderWay.add(underWay);
    void underWay.finally(() => this.#receiptsUnderWay.delete(underWay));
  }
}
