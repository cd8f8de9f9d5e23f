// The portal's own tables, in its own database (never the case system's). Names are Norwegian where
// the domain is, like the case store: melding = report, sending = one send through Fiks IO,
// kvittering = receipt, overgang = state change.
//
// - portal_melding: one row per accepted report, its current state, and what was sent: the exact
//   bekymringsmelding.json and payload zip, kept until retention purges them (the row stays, with
//   purged_at) so the portal can compare a read-back against what it sent.
// - portal_sending: every melding-id Fiks IO gave a send of the report (several after resends).
// - portal_kvittering: every readable receipt, keyed by its own melding-id, so a redelivered
//   receipt finds its row and has no second effect; `effect` says what it did.
// - portal_overgang: every state change with its cause and the receipt that caused it, written in
//   the same transaction as the change.
import type { Database } from '../../harness/environments/database/index.ts';
import { PORTAL_STATES } from './portal-states.ts';

const stateList = PORTAL_STATES.map((state) => `'${state}'`).join(', ');

const STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS portal_melding (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    bekymringsmelding_id text PRIMARY KEY,
    meldingstype text NOT NULL,
    bydel_ressurs_id text NOT NULL,
    mottaker_konto_id text NOT NULL,
    -- Reused on every resend, so the receiver can tell a resend from a new report.
    klient_melding_id text NOT NULL,
    kommunenummer text NOT NULL,
    bydelsnummer text NOT NULL,
    -- bekymringsmelding.json exactly as it is in the payload; NULL once purged.
    content_json text,
    payload bytea,
    -- Of the PDF in the payload; kept after the purge (it is no content) for reconciliation.
    pdf_sha256 text NOT NULL,
    pdf_bytes integer NOT NULL,
    state text NOT NULL CHECK (state IN (${stateList})),
    cause text,
    accepted_at timestamptz NOT NULL,
    deadline_at timestamptz,
    mottatt_at timestamptz,
    -- When retention next has work for this report: the purge (days-after-mottatt) or the next
    -- read-back (read-back-confirmed). NULL when it has none.
    retention_due_at timestamptz,
    read_back_attempts integer NOT NULL DEFAULT 0,
    purged_at timestamptz,
    purge_policy text,
    alarm_at timestamptz,
    alarm_reason text,
    alarm_details text
  )`,
  'CREATE INDEX IF NOT EXISTS portal_melding_state ON portal_melding (state)',
  'CREATE INDEX IF NOT EXISTS portal_melding_deadline ON portal_melding (deadline_at) WHERE state = \'SENDT_FAGSYSTEM\'',
  'CREATE INDEX IF NOT EXISTS portal_melding_retention ON portal_melding (retention_due_at) WHERE retention_due_at IS NOT NULL',
  `CREATE TABLE IF NOT EXISTS portal_sending (
    melding_id text PRIMARY KEY,
    bekymringsmelding_id text NOT NULL REFERENCES portal_melding (bekymringsmelding_id),
    attempt integer NOT NULL,
    ttl_ms bigint NOT NULL,
    sent_at timestamptz NOT NULL,
    UNIQUE (bekymringsmelding_id, attempt)
  )`,
  `CREATE TABLE IF NOT EXISTS portal_kvittering (
    melding_id text PRIMARY KEY,
    svar_til text NOT NULL,
    kind text NOT NULL,
    -- NULL when svar-til is no melding-id this portal sent (misattributed).
    bekymringsmelding_id text REFERENCES portal_melding (bekymringsmelding_id),
    effect text NOT NULL,
    melding text,
    received_at timestamptz NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS portal_kvittering_report ON portal_kvittering (bekymringsmelding_id)',
  `CREATE TABLE IF NOT EXISTS portal_overgang (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bekymringsmelding_id text NOT NULL REFERENCES portal_melding (bekymringsmelding_id),
    from_state text NOT NULL,
    to_state text NOT NULL,
    cause text NOT NULL,
    kvittering_melding_id text,
    at timestamptz NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS portal_overgang_report ON portal_overgang (bekymringsmelding_id, id)',
];

/** Every table the portal owns, children first (the order DROP and TRUNCATE need). */
export const PORTAL_TABLES = ['portal_overgang', 'portal_kvittering', 'portal_sending', 'portal_melding'] as const;

/** Creates the portal's tables; safe to run again on a database that has them. */
export async function migratePortal(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of STATEMENTS) await tx.query(statement);
  });
}

/** Drops every table the portal owns, for a test that reuses one database for several portals. */
export async function dropPortalTables(db: Database): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${PORTAL_TABLES.join(', ')} CASCADE`);
}
