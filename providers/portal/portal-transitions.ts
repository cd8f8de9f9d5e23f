// Moving a report through the state machine inside a transaction: each step is checked against the
// allowed edges and written to portal_overgang next to the new state, so the state row and its
// history can never disagree. The caller must hold the report's row (SELECT … FOR UPDATE) and pass
// the state it read; a row that has moved meanwhile makes this throw and the transaction roll back.
import type { Queryable } from '../../harness/environments/database/index.ts';
import { type PortalState, type TransitionCause, checkTransition } from './portal-states.ts';

export interface StateChange {
  readonly from: PortalState;
  readonly to: PortalState;
  readonly cause: TransitionCause;
}

/** Columns a transition may set together with the state, in the same UPDATE. */
export interface AlsoSet {
  readonly deadline_at?: Date;
  readonly mottatt_at?: Date;
  readonly retention_due_at?: Date;
}

export async function changeState(
  tx: Queryable,
  bekymringsmeldingId: string,
  current: PortalState,
  steps: readonly (readonly [to: PortalState, cause: TransitionCause])[],
  at: Date,
  receiptMeldingId: string | null = null,
  alsoSet: AlsoSet = {},
): Promise<StateChange[]> {
  const changes: StateChange[] = [];
  let from = current;
  for (const [to, cause] of steps) {
    checkTransition(from, to);
    changes.push({ from, to, cause });
    from = to;
  }
  const last = changes.at(-1);
  if (last === undefined) return changes;
  // One statement, one round trip: the state's UPDATE, and every step in one INSERT beside it — only
  // if the UPDATE found the report in `current` (the INSERT reads the UPDATE's row), so a report
  // that moved meanwhile gets neither and the throw below rolls the transaction back.
  const values: unknown[] = [last.to, last.cause, bekymringsmeldingId, current, receiptMeldingId, at];
  const assignments = Object.entries(alsoSet).map(([column, value]) => `, ${column} = $${values.push(value)}`);
  const rows = changes.map((change, index) => `(${index}, $${values.push(change.from)}::text, $${values.push(change.to)}::text, $${values.push(change.cause)}::text)`);
  const updated = await tx.query(
    `WITH moved AS (
       UPDATE portal_melding SET state = $1, cause = $2${assignments.join('')} WHERE bekymringsmelding_id = $3 AND state = $4 RETURNING bekymringsmelding_id
     ), logged AS (
       INSERT INTO portal_overgang (bekymringsmelding_id, from_state, to_state, cause, kvittering_melding_id, at)
       SELECT moved.bekymringsmelding_id, step.from_state, step.to_state, step.cause, $5::text, $6::timestamptz
       FROM moved, (VALUES ${rows.join(', ')}) AS step (n, from_state, to_state, cause)
       ORDER BY step.n
     )
     SELECT bekymringsmelding_id FROM moved`,
    values,
  );
  if (updated.length !== 1) {
    throw new Error(`portal: report ${bekymringsmeldingId} is no longer in ${current} (or does not exist), so ${current} → ${last.to} was not applied; the caller must lock the row first.`);
  }
  return changes;
}
