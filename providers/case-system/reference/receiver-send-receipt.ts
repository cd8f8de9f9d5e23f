// Sending one receipt until Fiks IO has it. An unavailable send API leaves the outcome unknown, so
// the receipt is sent again after a backoff on the receiver's clock, for as long as the receiver
// runs (a second copy is harmless: the portal handles receipts idempotently). A refusal is
// definitive — nothing was sent and sending again would be refused again — so it is reported and
// the caller moves on.
import { SendRequestError } from '../../fiks-io/index.ts';
import type { ReceiptToSend } from './case-store.ts';
import { receiptRequest } from './receipts.ts';
import { type ReceiverContext, errorText } from './receiver-context.ts';

export type ReceiptSendOutcome =
  | { readonly ok: true; readonly meldingId: string; readonly attempts: number }
  | { readonly ok: false; readonly refusal: string };

export async function sendReceiptUntilAccepted(context: ReceiverContext, receipt: ReceiptToSend): Promise<ReceiptSendOutcome> {
  const request = receiptRequest(receipt, context.kontoId);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { meldingId } = await context.sendApi.send(request);
      context.emit({ kind: 'receipt-sent', at: context.clock.now(), svarTil: receipt.svarTil, type: receipt.meldingstype, receiptMeldingId: meldingId, attempts: attempt });
      return { ok: true, meldingId, attempts: attempt };
    } catch (error) {
      if (error instanceof SendRequestError) {
        context.emit({ kind: 'receipt-refused', at: context.clock.now(), svarTil: receipt.svarTil, type: receipt.meldingstype, error: error.message });
        return { ok: false, refusal: error.message };
      }
      const { receiptFirstDelayMs, receiptMaxDelayMs } = context.retry;
      const retryInMs = Math.min(receiptMaxDelayMs, receiptFirstDelayMs * 2 ** Math.min(attempt - 1, 30));
      context.emit({ kind: 'receipt-retry', at: context.clock.now(), svarTil: receipt.svarTil, type: receipt.meldingstype, attempt, retryInMs, error: errorText(error) });
      await context.sleep(retryInMs, 'receipt');
    }
  }
}
