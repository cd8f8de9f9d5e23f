// Read-only views of the portal for the run summary and the checker. Times are ms since the epoch;
// a missing time is null, so every view is plain JSON.
import type { Queryable } from '../../harness/environments/database/index.ts';
import type { ReportType } from '../../contracts/message-types.ts';
import type { ReceiptIgnoredReason, ReceiptKind, RetentionPolicyKind } from './portal-events.ts';
import { type MeldingRow, loadReport, millis } from './portal-rows.ts';
import { type PortalState, type TransitionCause, emptyStateCounts, isPortalState } from './portal-states.ts';

export interface PortalReportView {
  readonly bekymringsmeldingId: string;
  readonly meldingstype: ReportType;
  readonly mottakerKontoId: string;
  readonly klientMeldingId: string;
  readonly state: PortalState;
  /** The cause of the last state change: for LEVERT, mottatt or post. */
  readonly cause: TransitionCause | null;
  /** Why it went by post (a refusal receipt or the deadline); null unless it did. */
  readonly postReason: TransitionCause | null;
  readonly acceptedAt: number;
  readonly deadlineAt: number | null;
  readonly mottattAt: number | null;
  /** In send order: the first send, then each resend. */
  readonly meldingIds: readonly string[];
  readonly receipts: readonly {
    readonly meldingId: string;
    readonly svarTil: string;
    readonly kind: ReceiptKind;
    readonly effect: 'applied' | ReceiptIgnoredReason;
    readonly receivedAt: number;
  }[];
  readonly transitions: readonly {
    readonly from: PortalState;
    readonly to: PortalState;
    readonly cause: TransitionCause;
    readonly receiptMeldingId: string | null;
    readonly at: number;
  }[];
  /** True once retention deleted the content and payload (the row stays). */
  readonly purged: boolean;
  readonly purgedAt: number | null;
  readonly purgePolicy: RetentionPolicyKind | null;
  readonly readBackAttempts: number;
  readonly alarm: { readonly at: number; readonly reason: 'not-found' | 'different'; readonly details: readonly string[] } | null;
  /** Whether the portal still holds what it sent (false once purged). */
  readonly holdsContent: boolean;
}

export async function stateCounts(db: Queryable): Promise<Record<PortalState, number>> {
  const counts = emptyStateCounts();
  for (const row of await db.query<{ state: string; count: number }>('SELECT state, count(*) AS count FROM portal_melding GROUP BY state')) {
    if (isPortalState(row.state)) counts[row.state] = row.count;
  }
  return counts;
}

export async function reportView(db: Queryable, bekymringsmeldingId: string): Promise<PortalReportView | undefined> {
  const row = await loadReport(db, bekymringsmeldingId);
  if (row === undefined) return undefined;
  const receipts = await db.query<{ melding_id: string; svar_til: string; kind: ReceiptKind; effect: 'applied' | ReceiptIgnoredReason; received_at: Date }>(
    'SELECT melding_id, svar_til, kind, effect, received_at FROM portal_kvittering WHERE bekymringsmelding_id = $1 ORDER BY received_at, melding_id',
    [bekymringsmeldingId],
  );
  const transitions = await db.query<{ from_state: PortalState; to_state: PortalState; cause: TransitionCause; kvittering_melding_id: string | null; at: Date }>(
    'SELECT from_state, to_state, cause, kvittering_melding_id, at FROM portal_overgang WHERE bekymringsmelding_id = $1 ORDER BY id',
    [bekymringsmeldingId],
  );
  const post = transitions.find((transition) => transition.to_state === 'SENDT_PRINT');
  return {
    bekymringsmeldingId,
    meldingstype: row.meldingstype,
    mottakerKontoId: row.mottaker_konto_id,
    klientMeldingId: row.klient_melding_id,
    state: row.state,
    cause: row.cause,
    postReason: post?.cause ?? null,
    acceptedAt: row.accepted_at.getTime(),
    deadlineAt: millis(row.deadline_at),
    mottattAt: millis(row.mottatt_at),
    meldingIds: await meldingIdsOf(db, bekymringsmeldingId),
    receipts: receipts.map((receipt) => ({
      meldingId: receipt.melding_id,
      svarTil: receipt.svar_til,
      kind: receipt.kind,
      effect: receipt.effect,
      receivedAt: receipt.received_at.getTime(),
    })),
    transitions: transitions.map((transition) => ({
      from: transition.from_state,
      to: transition.to_state,
      cause: transition.cause,
      receiptMeldingId: transition.kvittering_melding_id,
      at: transition.at.getTime(),
    })),
    purged: row.purged_at !== null,
    purgedAt: millis(row.purged_at),
    purgePolicy: row.purge_policy as RetentionPolicyKind | null,
    readBackAttempts: row.read_back_attempts,
    alarm: alarmOf(row),
    holdsContent: row.content_json !== null && row.payload !== null,
  };
}

function alarmOf(row: MeldingRow): PortalReportView['alarm'] {
  if (row.alarm_at === null) return null;
  return { at: row.alarm_at.getTime(), reason: row.alarm_reason as 'not-found' | 'different', details: JSON.parse(row.alarm_details ?? '[]') as string[] };
}

export async function meldingIdsOf(db: Queryable, bekymringsmeldingId: string): Promise<string[]> {
  const rows = await db.query<{ melding_id: string }>('SELECT melding_id FROM portal_sending WHERE bekymringsmelding_id = $1 ORDER BY attempt', [
    bekymringsmeldingId,
  ]);
  return rows.map((row) => row.melding_id);
}

export async function reportForMeldingId(db: Queryable, meldingId: string): Promise<string | undefined> {
  const [row] = await db.query<{ bekymringsmelding_id: string }>('SELECT bekymringsmelding_id FROM portal_sending WHERE melding_id = $1', [meldingId]);
  return row?.bekymringsmelding_id;
}

/** Reports the case system confirmed with mottatt (the ones a fake mottatt can lose), in accept order. */
export async function deliveredByMottatt(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ bekymringsmelding_id: string }>(
    "SELECT bekymringsmelding_id FROM portal_melding WHERE state = 'LEVERT' AND cause = 'mottatt' ORDER BY seq",
  );
  return rows.map((row) => row.bekymringsmelding_id);
}

/** Reports under an alarm (read-back not found or different), in accept order. */
export async function alarmedReports(db: Queryable): Promise<{ bekymringsmeldingId: string; reason: 'not-found' | 'different'; details: string[] }[]> {
  const rows = await db.query<Pick<MeldingRow, 'bekymringsmelding_id' | 'alarm_reason' | 'alarm_details'>>(
    'SELECT bekymringsmelding_id, alarm_reason, alarm_details FROM portal_melding WHERE alarm_at IS NOT NULL ORDER BY seq',
  );
  return rows.map((row) => ({
    bekymringsmeldingId: row.bekymringsmelding_id,
    reason: row.alarm_reason as 'not-found' | 'different',
    details: JSON.parse(row.alarm_details ?? '[]') as string[],
  }));
}

/** The earliest instant tick() has work: a deadline or a retention step; undefined when none is pending. */
export async function nextDueAt(db: Queryable): Promise<number | undefined> {
  const [row] = await db.query<{ due: Date | null }>(
    `SELECT least(
       (SELECT min(deadline_at) FROM portal_melding WHERE state = 'SENDT_FAGSYSTEM'),
       (SELECT min(retention_due_at) FROM portal_melding WHERE retention_due_at IS NOT NULL AND purged_at IS NULL AND alarm_at IS NULL)
     ) AS due`,
  );
  return row?.due?.getTime() ?? undefined;
}
