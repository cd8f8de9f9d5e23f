// Reading the portal's rows. Times live in timestamptz columns and come back as Dates; the portal
// hands out milliseconds (as its clock and events do).
import type { Queryable } from '../../harness/environments/database/index.ts';
import type { ReportType } from '../../contracts/message-types.ts';
import type { PortalState, TransitionCause } from './portal-states.ts';

export interface MeldingRow {
  readonly seq: number;
  readonly bekymringsmelding_id: string;
  readonly meldingstype: ReportType;
  readonly bydel_ressurs_id: string;
  readonly mottaker_konto_id: string;
  readonly klient_melding_id: string;
  readonly kommunenummer: string;
  readonly bydelsnummer: string;
  readonly content_json: string | null;
  readonly payload: Uint8Array | null;
  readonly pdf_sha256: string;
  readonly pdf_bytes: number;
  readonly state: PortalState;
  readonly cause: TransitionCause | null;
  readonly accepted_at: Date;
  readonly deadline_at: Date | null;
  readonly mottatt_at: Date | null;
  readonly retention_due_at: Date | null;
  readonly read_back_attempts: number;
  readonly purged_at: Date | null;
  readonly purge_policy: string | null;
  readonly alarm_at: Date | null;
  readonly alarm_reason: string | null;
  readonly alarm_details: string | null;
}

/** The report's row; with lock, held (FOR UPDATE) until the transaction ends. */
export async function loadReport(db: Queryable, bekymringsmeldingId: string, lock = false): Promise<MeldingRow | undefined> {
  const [row] = await db.query<MeldingRow>(`SELECT * FROM portal_melding WHERE bekymringsmelding_id = $1${lock ? ' FOR UPDATE' : ''}`, [bekymringsmeldingId]);
  return row;
}

/** Locks the report's row until the transaction ends and reads what a transition needs (not the payload). */
export async function lockReportState(tx: Queryable, bekymringsmeldingId: string): Promise<Pick<MeldingRow, 'state' | 'cause'> | undefined> {
  const [row] = await tx.query<Pick<MeldingRow, 'state' | 'cause'>>('SELECT state, cause FROM portal_melding WHERE bekymringsmelding_id = $1 FOR UPDATE', [bekymringsmeldingId]);
  return row;
}

export const millis = (date: Date | null): number | null => (date === null ? null : date.getTime());
