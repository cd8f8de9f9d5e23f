// The steps of storing one report, each small and replaceable. The reference store runs them all in
// one transaction (case-store.ts); a faulty variant replaces one step — skip the inbox claim (a
// second case), cut a text in caseRecord (truncation), change the district (misrouting) — and
// keeps everything else, so what differs from the reference is exactly the fault.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../../harness/environments/database/index.ts';
import { MOTTATT, type ReceiptType } from '../../../contracts/message-types.ts';
import type { ParsedReport } from '../report-message-parser.ts';

/** What one case (sak) holds. */
export interface CaseRecord {
  readonly bekymringsmeldingId: string;
  readonly meldingstype: string;
  readonly contentJson: string;
  readonly pdf: Uint8Array | null;
  readonly pdfSha256: string | null;
  readonly kommunenummer: string;
  readonly bydelsnummer: string;
  readonly meldingId: string;
}

/** A receipt waiting in the outbox to be sent through Fiks IO. */
export interface ReceiptToSend {
  /** The melding-id answered. */
  readonly svarTil: string;
  /** The account to send it to: the avsender-id of the message answered. */
  readonly mottakerKontoId: string;
  readonly meldingstype: ReceiptType;
  readonly body: Uint8Array;
}

export interface CaseStoreSteps {
  /** What the case will hold, taken from the parsed report. */
  caseRecord(parsed: ParsedReport): CaseRecord;
  /** Records the report in the inbox; false when its bekymringsmelding-id is there already. */
  claimInbox(tx: Queryable, parsed: ParsedReport, now: Date): Promise<boolean>;
  /** Creates the case; resolves to its id. */
  insertCase(tx: Queryable, record: CaseRecord, now: Date): Promise<number>;
  /** Makes sure an unsent receipt answers this melding-id; resolves to its outbox id. */
  enqueueReceipt(tx: Queryable, receipt: ReceiptToSend, now: Date): Promise<number>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** mottatt.v1 has an empty body (DESIGN.md, "Concern-report protocol"). */
export function mottattFor(parsed: ParsedReport): ReceiptToSend {
  return { svarTil: parsed.meldingId, mottakerKontoId: parsed.avsenderId, meldingstype: MOTTATT, body: new Uint8Array(0) };
}

export const referenceSteps: CaseStoreSteps = {
  caseRecord(parsed) {
    return {
      bekymringsmeldingId: parsed.bekymringsmeldingId,
      meldingstype: parsed.meldingstype,
      contentJson: parsed.contentJson,
      pdf: parsed.pdf,
      pdfSha256: sha256Hex(parsed.pdf),
      // The report says who it is for; the case system routes on that, not on the sender.
      kommunenummer: parsed.content.kommunenummer,
      bydelsnummer: parsed.content.bydelsnummer,
      meldingId: parsed.meldingId,
    };
  },

  async claimInbox(tx, parsed, now) {
    // ON CONFLICT rather than catching a unique violation: a failed statement would abort the whole
    // transaction. A concurrent delivery of the same report waits here for the first to commit.
    const claimed = await tx.query(
      `INSERT INTO mottak (bekymringsmelding_id, melding_id, klient_melding_id, avsender_id, mottatt_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (bekymringsmelding_id) DO NOTHING
       RETURNING bekymringsmelding_id`,
      [parsed.bekymringsmeldingId, parsed.meldingId, parsed.klientMeldingId ?? null, parsed.avsenderId, now],
    );
    return claimed.length === 1;
  },

  async insertCase(tx, record, now) {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO sak (bekymringsmelding_id, meldingstype, content_json, pdf, pdf_sha256, kommunenummer, bydelsnummer, melding_id, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id`,
      [
        record.bekymringsmeldingId,
        record.meldingstype,
        record.contentJson,
        record.pdf,
        record.pdfSha256,
        record.kommunenummer,
        record.bydelsnummer,
        record.meldingId,
        now,
      ],
    );
    if (row === undefined) throw new Error('insertCase: INSERT … RETURNING id returned no row; the case store schema is not the expected one (run migrate).');
    return row.id;
  },

  async enqueueReceipt(tx, receipt, now) {
    // A redelivered message must be answered again, but one unsent receipt per melding-id is enough:
    // reuse it. Once sent, a redelivery gets a fresh one (a second mottatt is harmless to the portal).
    // One statement, not a SELECT and then an INSERT: a round trip is most of what a statement costs.
    const [row] = await tx.query<{ id: number }>(
      `WITH pending AS (
         SELECT id FROM kvittering_utboks WHERE svar_til = $1 AND meldingstype = $3 AND sent_at IS NULL ORDER BY id LIMIT 1
       ), added AS (
         INSERT INTO kvittering_utboks (svar_til, mottaker_konto_id, meldingstype, body, created_at)
         SELECT $1, $2::text, $3, $4::bytea, $5::timestamptz WHERE NOT EXISTS (SELECT 1 FROM pending)
         RETURNING id
       )
       SELECT id FROM pending UNION ALL SELECT id FROM added`,
      [receipt.svarTil, receipt.mottakerKontoId, receipt.meldingstype, receipt.body, now],
    );
    if (row === undefined) throw new Error('enqueueReceipt: neither a pending receipt nor a new one came back; the case store schema is not the expected one (run migrate).');
    return row.id;
  },
};
