// The PostgreSQL parser on messages built by hand from the v3 protocol: SSLRequest answered 'N',
// commits by simple and extended query, autocommit writes, and what is not a commit (a write
// inside a transaction, a COMMIT that rolled back, a read).
import { describe, expect, it } from '@jest/globals';
import { statementKeywords } from './postgres-messages.ts';
import { postgresSession } from './postgres-session.ts';
import type { ProxyUnit } from './proxy-unit.ts';

const int32 = (value: number): Buffer => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};
const cstr = (text: string): Buffer => Buffer.concat([Buffer.from(text), Buffer.from([0])]);
const message = (type: string, ...body: Buffer[]): Buffer => {
  const payload = Buffer.concat(body);
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(payload.length + 4), payload]);
};
const sslRequest = Buffer.concat([int32(8), int32(80877103)]);
const startup = (() => {
  const body = Buffer.concat([int32(196608), cstr('user'), cstr('postgres'), Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
})();
const query = (sql: string): Buffer => message('Q', cstr(sql));
const complete = (tag: string): Buffer => message('C', cstr(tag));
const ready = (status: 'I' | 'T' | 'E'): Buffer => message('Z', Buffer.from(status, 'latin1'));

function events(units: ProxyUnit[]): unknown[] {
  return units.flatMap((unit) => unit.events.map((pending) => pending.event));
}

function connected(): ReturnType<typeof postgresSession> {
  const session = postgresSession(5);
  session.fromClient(startup);
  session.fromServer(Buffer.concat([message('R', int32(0)), ready('I')]));
  return session;
}

describe('PostgreSQL session', () => {
  it("answers an SSLRequest 'N' itself and forwards the startup message after it", () => {
    const units = postgresSession(1).fromClient(Buffer.concat([sslRequest, startup]));
    expect(units[0]?.replyToSender).toEqual(Buffer.from('N'));
    expect(units[1]?.label).toBe('StartupMessage');
    expect(units[1]?.bytes).toEqual(startup);
  });

  it('sees a simple-query transaction commit, and its reply as one unit up to ReadyForQuery I', () => {
    const session = connected();
    expect(events(session.fromClient(query('BEGIN')))).toEqual([]);
    session.fromServer(Buffer.concat([complete('BEGIN'), ready('T')]));
    expect(events(session.fromClient(query("INSERT INTO t VALUES ('COMMIT;')")))).toEqual([]);
    session.fromServer(Buffer.concat([complete('INSERT 0 1'), ready('T')]));
    const sent = ['BEGIN', "INSERT INTO t VALUES ('COMMIT;')", 'commit'];
    expect(events(session.fromClient(query('commit')))).toEqual([{ kind: 'commit', connectionId: 5, phase: 'requested', command: 'COMMIT', transaction: sent }]);
    const reply = Buffer.concat([complete('COMMIT'), ready('I')]);
    const partial = session.fromServer(reply.subarray(0, 7));
    expect(partial).toEqual([]);
    const units = session.fromServer(reply.subarray(7));
    expect(units).toHaveLength(1);
    expect(units[0]?.bytes).toEqual(reply);
    expect(units[0]?.commitReply).toBe(true);
    expect(events(units)).toEqual([{ kind: 'commit', connectionId: 5, phase: 'completed', command: 'COMMIT', transaction: sent }]);
  });

  it('sees an extended-query COMMIT at its Execute', () => {
    const session = connected();
    const units = session.fromClient(
      Buffer.concat([message('P', cstr(''), cstr('COMMIT'), Buffer.from([0, 0])), message('B', cstr(''), cstr(''), Buffer.alloc(6)), message('E', cstr(''), int32(0)), message('S')]),
    );
    expect(units.map((unit) => unit.label)).toEqual(['Parse "COMMIT"', 'Bind', 'Execute "COMMIT"', 'Sync']);
    expect(events(units)).toEqual([{ kind: 'commit', connectionId: 5, phase: 'requested', command: 'COMMIT', transaction: ['COMMIT'] }]);
    const reply = session.fromServer(Buffer.concat([message('1'), message('2'), complete('COMMIT'), ready('I')]));
    expect(reply.map((unit) => unit.label)).toEqual(['ParseComplete', 'BindComplete', 'CommandComplete COMMIT + ReadyForQuery I']);
  });

  it('sees an autocommit write as a commit, and a write inside a transaction as none', () => {
    const session = connected();
    // The read before it is not part of what the write commits.
    session.fromClient(query('SELECT 1'));
    session.fromServer(Buffer.concat([complete('SELECT 1'), ready('I')]));
    const id = Buffer.from('id-æøå');
    const bind = message('B', cstr(''), cstr(''), Buffer.from([0, 0, 0, 2]), int32(id.length), id, int32(-1), Buffer.from([0, 0]));
    const units = session.fromClient(Buffer.concat([message('P', cstr(''), cstr('INSERT INTO t VALUES ($1, $2)'), Buffer.from([0, 0])), bind, message('E', cstr(''), int32(0)), message('S')]));
    const sent = ['INSERT INTO t VALUES ($1, $2)', 'id-æøå'];
    expect(events(units)).toEqual([{ kind: 'commit', connectionId: 5, phase: 'requested', command: 'INSERT', transaction: sent }]);
    expect(events(session.fromServer(Buffer.concat([complete('INSERT 0 1'), ready('I')])))).toEqual([
      { kind: 'commit', connectionId: 5, phase: 'completed', command: 'INSERT 0 1', transaction: sent },
    ]);
    session.fromClient(query('BEGIN'));
    session.fromServer(Buffer.concat([complete('BEGIN'), ready('T')]));
    expect(events(session.fromClient(query('UPDATE t SET x = 1')))).toEqual([]);
    expect(events(session.fromServer(Buffer.concat([complete('UPDATE 1'), ready('T')])))).toEqual([]);
  });

  it('a COMMIT that rolled back and a read are not commits', () => {
    const session = connected();
    session.fromServer(ready('E'));
    expect(events(session.fromServer(Buffer.concat([complete('ROLLBACK'), ready('I')])))).toEqual([]);
    const read = session.fromServer(Buffer.concat([message('T', Buffer.from([0, 0])), message('D', Buffer.from([0, 0])), complete('SELECT 1'), ready('I')]));
    expect(events(read)).toEqual([]);
    expect(read.map((unit) => unit.label)).toEqual(['RowDescription', 'DataRow', 'CommandComplete SELECT 1 + ReadyForQuery I']);
  });

  it('finds statement keywords past quotes and comments', () => {
    expect(statementKeywords("/* COMMIT */ insert into t values ('a;COMMIT'); -- commit\n commit")).toEqual(['INSERT', 'COMMIT']);
  });
});
