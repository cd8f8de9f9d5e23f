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
  // Every step in one INSERT: a feilet's three steps are one round trip, not three.
  const values: unknown[] = [bekymringsmeldingId, receiptMeldingId, at];
  const rows = changes.map((change) => `($1, $${values.push(change.from)}, $${values.push(change.to)}, $${values.push(change.cause)}, $2, $3)`);
  await tx.query(`INSERT INTO portal_overgang (bekymringsmelding_id, from_state, to_state, cause, kvittering_melding_id, at) VALUES ${rows.join(', ')}`, values);
  const set: unknown[] = [last.to, last.cause, bekymringsmeldingId, current];
  const assignments = Object.entries(alsoSet).map(([column, value]) => `, ${column} = $${set.push(value)}`);
  const updated = await tx.query(`UPDATE portal_melding SET state = $1, cause = $2${assignments.join('')} WHERE bekymringsmelding_id = $3 AND state = $4 RETURNING seq`, set);
  if (updated.length !== 1) {
    throw new Error(`portal: report ${bekymringsmeldingId} is no longer in ${current} (or does not exist), so ${current} → ${last.to} was not applied; the caller must lock the row first.`);
  }
  return changes;
}
