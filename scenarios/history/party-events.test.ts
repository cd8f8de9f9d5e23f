import { describe, expect, test } from '@jest/globals';
import type { FiksIoEvent } from '../../providers/fiks-io/fiks-io-events.ts';
import type { PortalEvent } from '../../providers/portal/portal-events.ts';
import { fromFiksIoEvent, fromPortalEvent } from './party-events.ts';

const at = 1_700_000_000_000;

describe('fromPortalEvent', () => {
  test('sends, failed sends, state changes and receipts map; the portal\'s own clock stamp is left for the history to set', () => {
    const events: PortalEvent[] = [
      { type: 'sent', at, bekymringsmeldingId: 'r1', meldingId: 'm1', attempt: 1, ttlMs: 1000 },
      { type: 'send-failed', at, bekymringsmeldingId: 'r2', error: 'send API answered 503' },
      { type: 'state-changed', at, bekymringsmeldingId: 'r1', from: 'SENDT_FAGSYSTEM', to: 'LEVERT', cause: 'mottatt', receiptMeldingId: 'k1' },
      { type: 'receipt', at, kind: 'mottatt', svarTil: 'm1', meldingId: 'k1', bekymringsmeldingId: 'r1' },
      { type: 'receipt', at, kind: 'feilet', svarTil: 'nobody-sent-this', meldingId: 'k2', melding: 'Kunne ikke lese' },
    ];

    expect(events.map(fromPortalEvent)).toEqual([
      { event: 'sent', reportId: 'r1', meldingId: 'm1' },
      { event: 'send-failed', reportId: 'r2', error: 'send API answered 503' },
      { event: 'portal-state', reportId: 'r1', from: 'SENDT_FAGSYSTEM', to: 'LEVERT', cause: 'mottatt' },
      { event: 'receipt', kind: 'mottatt', svarTil: 'm1', meldingId: 'k1' },
      { event: 'receipt', kind: 'feilet', svarTil: 'nobody-sent-this', meldingId: 'k2' },
    ]);
  });

  test('an unreadable receipt is kept (as kind unreadable); the other ignored receipts restate a receipt already kept', () => {
    expect(fromPortalEvent({ type: 'receipt-ignored', at, reason: 'unreadable', detail: 'no svar-til header' })).toEqual({ event: 'receipt', kind: 'unreadable', detail: 'no svar-til header' });
    expect(fromPortalEvent({ type: 'receipt-ignored', at, reason: 'duplicate', svarTil: 'm1', meldingId: 'k1', detail: 'handled before' })).toBeUndefined();
    expect(fromPortalEvent({ type: 'receipt-ignored', at, reason: 'misattributed', svarTil: 'x', meldingId: 'k9', detail: '…' })).toBeUndefined();
  });

  test('acceptance, the portal\'s retention read-backs, alarms and purges are not kept', () => {
    const dropped: PortalEvent[] = [
      { type: 'accepted', at, bekymringsmeldingId: 'r1', meldingstype: 'no.ks.fiks.bekymringsmelding.privat.v2', mottakerKontoId: 'k', klientMeldingId: 'c' },
      { type: 'read-back', at, bekymringsmeldingId: 'r1', outcome: 'match', details: [] },
      { type: 'alarm', at, bekymringsmeldingId: 'r1', reason: 'not-found', details: [] },
      { type: 'purged', at, bekymringsmeldingId: 'r1', policy: 'days-after-mottatt' },
    ];
    expect(dropped.map(fromPortalEvent)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('fromFiksIoEvent', () => {
  test('dead letters and silent drops (nacks) map; a failed platform receipt is a failed operation', () => {
    const events: FiksIoEvent[] = [
      { kind: 'dead-lettered', at, meldingId: 'm1', reason: 'rejected' },
      { kind: 'dropped-silently', at, meldingId: 'm1' },
      { kind: 'platform-receipt-failed', at, svarTil: 'm2', type: 'no.ks.fiks.kvittering.tidsavbrudd', to: 'portal', error: 'queue gone' },
    ];

    expect(events.map(fromFiksIoEvent)).toEqual([
      { event: 'dead-lettered', meldingId: 'm1', reason: 'rejected' },
      { event: 'nacked', meldingId: 'm1' },
      { event: 'operation', op: 'platform-receipt', outcome: 'fail', detail: { svarTil: 'm2', type: 'no.ks.fiks.kvittering.tidsavbrudd', error: 'queue gone' } },
    ]);
  });

  test('sends and platform receipts on their way are not kept: the portal records both where they land', () => {
    expect(fromFiksIoEvent({ kind: 'sent', at, meldingId: 'm1', type: 't', from: 'a', to: 'b', bytes: 10, viaDokumentlager: false })).toBeUndefined();
    expect(fromFiksIoEvent({ kind: 'platform-receipt-sent', at, svarTil: 'm1', type: 't', meldingId: 'k', to: 'a' })).toBeUndefined();
  });
});
