// The reference receiver's work on one delivery, as explicit steps in a fixed order:
//
//   deliver → parse → store (ONE transaction: inbox, case, receipt outbox; committed) → receipt → ack
//
// and for a message that cannot be taken: parse → feilet (with the parser's reason) → ack. Never
// nack: Fiks IO drops a nacked message without telling the sender. When the outcome is unknown —
// storage failed, or the receipt could not be read from the outbox — nothing is answered and
// nothing is acked: the message goes back to the queue and is handled again (the inbox makes that
// harmless).
//
// A faulty variant is a small departure from this object: `{ ...referenceReceiverSteps, handle }`
// with the receipt sent before the commit, or `release` that nacks, or `store` that swallows the
// error. What differs from the reference is then exactly the fault.
import { HEADER } from '../../../contracts/fiks-io-headers.ts';
import { FEILET } from '../../../contracts/message-types.ts';
import type { Delivery } from '../../fiks-io/transport/queue-transport.ts';
import { type ParseFailure, type ParseResult, type ParsedReport, parseReportMessage } from '../report-message-parser.ts';
import { type StoreResult, pendingReceipt, markReceiptSent, storeReport } from './case-store.ts';
import { feiletReceipt } from './receipts.ts';
import { type ReceiverContext, ReceiverInterrupted, errorText } from './receiver-context.ts';
import type { ReceiverStage } from './receiver-events.ts';
import { sendReceiptUntilAccepted } from './receiver-send-receipt.ts';

export interface ReceiverSteps {
  /** The order of the steps; resolves when the delivery is settled (or handed back to the queue). */
  handle(steps: ReceiverSteps, context: ReceiverContext, delivery: Delivery): Promise<void>;
  /** Headers, payload (fetched from dokumentlager when by reference), zip, JSON, schema. */
  parse(context: ReceiverContext, delivery: Delivery): Promise<ParseResult>;
  /** Inbox, case and receipt outbox in one transaction; resolves once it committed. */
  store(context: ReceiverContext, parsed: ParsedReport): Promise<StoreResult>;
  /** Sends the outbox's receipt for this delivery until Fiks IO has it, then marks it sent. */
  sendReceipts(context: ReceiverContext, parsed: ParsedReport, stored: StoreResult): Promise<void>;
  /** Answers a message that cannot be taken with feilet.v1 and the parser's reason. */
  refuse(context: ReceiverContext, failure: ParseFailure, delivery: Delivery): Promise<void>;
  /** The message is done: gone from the queue for good. */
  ack(context: ReceiverContext, delivery: Delivery): void;
  /** The outcome is unknown: no answer, no ack; the message goes back to the queue after a pause. */
  release(context: ReceiverContext, delivery: Delivery, stage: ReceiverStage, error: unknown): Promise<void>;
}

export const referenceReceiverSteps: ReceiverSteps = {
  async handle(steps, context, delivery) {
    let parsed: ParseResult;
    try {
      parsed = await steps.parse(context, delivery);
    } catch (error) {
      // The parser turns every bad message into a ParseFailure; a throw is the receiver's own fault
      // (or a dokumentlager it could not reach), so the message is not to blame: try it again.
      return steps.release(context, delivery, 'parse', error);
    }
    if (!parsed.ok) {
      await steps.refuse(context, parsed, delivery);
      steps.ack(context, delivery);
      return;
    }
    let stored: StoreResult;
    try {
      stored = await steps.store(context, parsed);
    } catch (error) {
      return steps.release(context, delivery, 'store', error);
    }
    try {
      await steps.sendReceipts(context, parsed, stored);
    } catch (error) {
      if (error instanceof ReceiverInterrupted) throw error;
      // Stored, but the outbox could not be read or marked: the redelivery finds the report in the
      // inbox and answers it then.
      return steps.release(context, delivery, 'receipt', error);
    }
    steps.ack(context, delivery);
  },

  parse(context, delivery) {
    return parseReportMessage(delivery, { fetchDokumentlager: context.fetchDokumentlager });
  },

  async store(context, parsed) {
    const stored = await storeReport(context.db, parsed, new Date(context.clock.now()), context.storeSteps);
    context.emit({
      kind: stored.outcome,
      at: context.clock.now(),
      meldingId: parsed.meldingId,
      bekymringsmeldingId: parsed.bekymringsmeldingId,
      outboxId: stored.outboxId,
    });
    return stored;
  },

  async sendReceipts(context, _parsed, stored) {
    const receipt = await pendingReceipt(context.db, stored.outboxId);
    // Already sent and marked by an earlier delivery of the same message that is still finishing
    // (its channel closed under it): the portal has its answer.
    if (receipt === undefined) return;
    const outcome = await sendReceiptUntilAccepted(context, receipt);
    if (outcome.ok) await markReceiptSent(context.db, receipt.id, new Date(context.clock.now()));
  },

  async refuse(context, failure, delivery) {
    context.emit({
      kind: 'failed',
      at: context.clock.now(),
      meldingId: failure.meldingId ?? null,
      bekymringsmeldingId: failure.bekymringsmeldingId ?? null,
      melding: failure.melding,
    });
    const sender = delivery.headers[HEADER.avsenderId];
    if (failure.meldingId === undefined || sender === undefined) {
      // Nobody to answer: a message without melding-id or avsender-id never came through the send API.
      context.emit({
        kind: 'receipt-refused',
        at: context.clock.now(),
        svarTil: failure.meldingId ?? null,
        type: FEILET,
        error: 'receiver: the message has no melding-id or avsender-id to answer, so no feilet can be sent; it is acked so it does not come back',
      });
      return;
    }
    await sendReceiptUntilAccepted(context, feiletReceipt({ svarTil: failure.meldingId, mottakerKontoId: sender, melding: failure.melding }));
  },

  ack(context, delivery) {
    try {
      delivery.ack();
    } catch (error) {
      throw new ReceiverInterrupted('ack', errorText(error), { cause: error });
    }
    context.emit({ kind: 'acked', at: context.clock.now(), meldingId: delivery.headers[HEADER.meldingId] ?? null });
  },

  async release(context, delivery, stage, error) {
    await context.sleep(context.retry.requeueDelayMs, stage);
    try {
      delivery.requeue();
    } catch (requeueError) {
      throw new ReceiverInterrupted(stage, errorText(requeueError), { cause: requeueError });
    }
    context.emit({ kind: 'requeued', at: context.clock.now(), meldingId: delivery.headers[HEADER.meldingId] ?? null, stage, error: errorText(error) });
  },
};
