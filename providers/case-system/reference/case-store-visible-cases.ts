// What a caseworker can see, and the read-back built from exactly that. The read-back oracle must
// not see more than a caseworker does: if it read the tables some other way, a report stored where
// no caseworker looks would pass as "stored". So both go through visibleCases().
import type { Queryable } from '../../../harness/environments/database/index.ts';
import type { ReportType } from '../../../contracts/message-types.ts';
import type { ReadBack } from '../../portal/read-back-client.ts';
import { sha256Hex } from './case-store-steps.ts';

/** One case as a caseworker's inbox lists it. */
export interface VisibleCase {
  readonly sakId: number;
  readonly bekymringsmeldingId: string;
  readonly meldingstype: string;
  readonly contentJson: string;
  readonly pdf: Uint8Array | null;
  readonly kommunenummer: string;
  readonly bydelsnummer: string;
  readonly meldingId: string;
  readonly storedAt: Date;
}

export type VisibleCaseFilter =
  | { readonly bekymringsmeldingId: string }
  | { readonly kommunenummer: string; readonly bydelsnummer: string };

interface SakRow {
  id: number;
  bekymringsmelding_id: string;
  meldingstype: string;
  content_json: string;
  pdf: Uint8Array | null;
  kommunenummer: string;
  bydelsnummer: string;
  melding_id: string;
  stored_at: Date;
}

const VISIBLE_CASES = `SELECT id, bekymringsmelding_id, meldingstype, content_json, pdf, kommunenummer, bydelsnummer, melding_id, stored_at
  FROM sak`;

export async function visibleCases(db: Queryable, filter: VisibleCaseFilter): Promise<VisibleCase[]> {
  const rows =
    'bekymringsmeldingId' in filter
      ? await db.query<SakRow>(`${VISIBLE_CASES} WHERE bekymringsmelding_id = $1 ORDER BY id`, [filter.bekymringsmeldingId])
      : await db.query<SakRow>(`${VISIBLE_CASES} WHERE kommunenummer = $1 AND bydelsnummer = $2 ORDER BY id`, [filter.kommunenummer, filter.bydelsnummer]);
  return rows.map((row) => ({
    sakId: row.id,
    bekymringsmeldingId: row.bekymringsmelding_id,
    meldingstype: row.meldingstype,
    contentJson: row.content_json,
    pdf: row.pdf,
    kommunenummer: row.kommunenummer,
    bydelsnummer: row.bydelsnummer,
    meldingId: row.melding_id,
    storedAt: row.stored_at,
  }));
}

/** What a caseworker of this municipality and district sees, oldest first. */
export function caseworkerInbox(db: Queryable, kommunenummer: string, bydelsnummer: string): Promise<VisibleCase[]> {
  return visibleCases(db, { kommunenummer, bydelsnummer });
}

/** What the case system holds for one report, or undefined when it holds nothing. */
export async function readBack(db: Queryable, bekymringsmeldingId: string): Promise<ReadBack | undefined> {
  return readBackFrom(bekymringsmeldingId, await visibleCases(db, { bekymringsmeldingId }));
}

export function readBackFrom(bekymringsmeldingId: string, cases: readonly VisibleCase[]): ReadBack | undefined {
  const [first] = cases;
  if (first === undefined) return undefined;
  const places = new Map(cases.map(({ kommunenummer, bydelsnummer }) => [`${kommunenummer}/${bydelsnummer}`, { kommunenummer, bydelsnummer }]));
  return {
    bekymringsmeldingId,
    // Duplicates are reported by antallSaker; the content shown is the first case's.
    meldingstype: first.meldingstype as ReportType,
    bekymringsmelding: storedContent(first.contentJson),
    // Hashed from the bytes read now, not from the stored pdf_sha256, so corruption shows.
    pdf: first.pdf === null ? null : { sha256: sha256Hex(first.pdf), bytes: first.pdf.length },
    synligFor: [...places.keys()].sort().map((key) => places.get(key) ?? { kommunenummer: '', bydelsnummer: '' }),
    antallSaker: cases.length,
  };
}

/**
 * The stored bekymringsmelding.json as an object. Text that no longer parses as a JSON object (a
 * store that cut it short) is shown as { ulesbartInnhold: <the text> }: that differs from any
 * report, so the checker judges it lost — a thrown error would make the outcome merely unknown.
 */
export function storedContent(contentJson: string): unknown {
  try {
    const content: unknown = JSON.parse(contentJson);
    if (typeof content === 'object' && content !== null && !Array.isArray(content)) return content;
  } catch {
    // falls through to the unreadable form
  }
  return { ulesbartInnhold: contentJson };
}
