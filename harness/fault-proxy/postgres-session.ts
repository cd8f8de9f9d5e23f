// Follows one PostgreSQL connection and recognises when a transaction commits: the receiver asks
// (a COMMIT or END, by simple Query or by Parse/Bind/Execute; or a write outside a transaction,
// which commits by itself) and the database answers (CommandComplete COMMIT, or a write's tag,
// followed by ReadyForQuery 'I'). The database's reply from the first CommandComplete up to
// ReadyForQuery is forwarded as one unit, so a listener can hold exactly "committed at the
// database, not yet heard by the receiver". An SSLRequest is answered 'N' by the proxy itself: the
// receiver talks plain text to the proxy, which must read it.
import { cstrings, isEncryptionRequest, PostgresMessageSplitter, statementKeywords } from './postgres-messages.ts';
import type { PostgresMessage } from './postgres-messages.ts';
import { pendingEvent, unitWithEvents } from './proxy-unit.ts';
import type { ProtocolSession, ProxyUnit } from './proxy-unit.ts';
import type { ProxyEvent } from './proxy-types.ts';

const COMMIT_KEYWORDS = new Set(['COMMIT', 'END']);
const BEGIN_KEYWORDS = new Set(['BEGIN', 'START']);
const WRITE_KEYWORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const WRITE_TAG = /^(INSERT|UPDATE|DELETE|MERGE)\b/;
const REFUSE_ENCRYPTION = Buffer.from('N', 'latin1');
const MAX_TRANSACTION_CHARS = 16 * 1024 * 1024;

/** A Bind message's parameter values, as text (binary ones too: an id in them still shows). */
function bindParameters(body: Buffer): string[] {
  let at = body.indexOf(0) + 1;
  at = body.indexOf(0, at) + 1;
  const formats = body.readInt16BE(at);
  at += 2 + 2 * formats;
  const count = body.readInt16BE(at);
  at += 2;
  const values: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const length = body.readInt32BE(at);
    at += 4;
    if (length < 0) continue; // NULL
    values.push(body.toString('utf8', at, at + length));
    at += length;
  }
  return values;
}

export function postgresSession(connectionId: number): ProtocolSession {
  const fromClient = new PostgresMessageSplitter(true);
  const fromServer = new PostgresMessageSplitter(false);
  const statements = new Map<string, string>();
  const portals = new Map<string, string>();
  /** The transaction status of the last ReadyForQuery: 'I' idle, 'T' in a transaction, 'E' failed. */
  let status = 'I';
  let reply: PostgresMessage[] = [];
  /** SQL and parameters sent since the last time no transaction was open. */
  let transaction: string[] = [];
  let transactionChars = 0;
  const note = (text: string): void => {
    // Bounded: a receiver that never commits must not grow the proxy without end.
    if (transactionChars + text.length > MAX_TRANSACTION_CHARS) return;
    transaction.push(text);
    transactionChars += text.length;
  };

  const requested = (sql: string): ProxyEvent | undefined => {
    const keywords = statementKeywords(sql);
    if (keywords.some((keyword) => COMMIT_KEYWORDS.has(keyword))) return { kind: 'commit', connectionId, phase: 'requested', command: 'COMMIT', transaction: [...transaction] };
    const first = keywords[0];
    if (status === 'I' && first !== undefined && WRITE_KEYWORDS.has(first) && !keywords.some((keyword) => BEGIN_KEYWORDS.has(keyword))) {
      return { kind: 'commit', connectionId, phase: 'requested', command: first, transaction: [...transaction] };
    }
    return undefined;
  };

  const clientUnit = (message: PostgresMessage): ProxyUnit => {
    if (isEncryptionRequest(message)) {
      return { bytes: message.bytes, label: 'SSLRequest (answered N by the proxy)', events: [], completes: [], replyToSender: REFUSE_ENCRYPTION };
    }
    let sql: string | undefined;
    let shown: string | undefined;
    switch (message.type) {
      case 'Q':
        sql = cstrings(message.body, 1)[0];
        shown = sql;
        if (sql !== undefined) note(sql);
        break;
      case 'P': {
        const [name = '', query = ''] = cstrings(message.body, 2);
        statements.set(name, query);
        shown = query;
        note(query);
        break;
      }
      case 'B': {
        const [portal = '', statement = ''] = cstrings(message.body, 2);
        portals.set(portal, statements.get(statement) ?? '');
        for (const value of bindParameters(message.body)) note(value);
        break;
      }
      case 'E':
        sql = portals.get(cstrings(message.body, 1)[0] ?? '');
        shown = sql;
        break;
    }
    const label = `${CLIENT_NAMES[message.type] ?? `message ${JSON.stringify(message.type)}`}${shown === undefined ? '' : ` ${JSON.stringify(shorten(shown))}`}`;
    const event = sql === undefined ? undefined : requested(sql);
    return unitWithEvents(message.bytes, label, event === undefined ? [] : [event]);
  };

  const serverUnits = (message: PostgresMessage): ProxyUnit[] => {
    if (reply.length === 0 && message.type === 'Z') {
      // A reply without a CommandComplete (an error, an empty query): only the status changes.
      status = String.fromCharCode(message.body.readUInt8(0));
      if (status === 'I') {
        // Idle again without a commit: nothing sent so far will commit.
        transaction = [];
        transactionChars = 0;
      }
    }
    if (reply.length === 0 && message.type !== 'C') return [unitWithEvents(message.bytes, SERVER_NAMES[message.type] ?? `message ${JSON.stringify(message.type)}`, [])];
    reply.push(message);
    if (message.type !== 'Z') return [];
    const group = reply;
    reply = [];
    const before = status;
    status = String.fromCharCode(message.body.readUInt8(0));
    const tags = group.filter((part) => part.type === 'C').map((part) => cstrings(part.body, 1)[0] ?? '');
    const label = `${tags.map((tag) => `CommandComplete ${tag}`).join(', ')} + ReadyForQuery ${status}`;
    const bytes = Buffer.concat(group.map((part) => part.bytes));
    const committed = tags.includes('COMMIT') ? 'COMMIT' : before === 'I' && status === 'I' ? tags.find((tag) => WRITE_TAG.test(tag)) : undefined;
    const sent = transaction;
    if (status === 'I') {
      transaction = [];
      transactionChars = 0;
    }
    if (committed === undefined || status !== 'I') return [unitWithEvents(bytes, label, [])];
    const pending = pendingEvent({ kind: 'commit', connectionId, phase: 'completed', command: committed, transaction: sent });
    return [{ bytes, label, events: [pending], completes: [pending], commitReply: true }];
  };

  return {
    fromClient: (chunk) => fromClient.push(chunk).map(clientUnit),
    fromServer: (chunk) => fromServer.push(chunk).flatMap(serverUnits),
  };
}

const CLIENT_NAMES: Readonly<Record<string, string>> = {
  '': 'StartupMessage', Q: 'Query', P: 'Parse', B: 'Bind', E: 'Execute', D: 'Describe', S: 'Sync', H: 'Flush', X: 'Terminate', C: 'Close', p: 'PasswordMessage',
};

const SERVER_NAMES: Readonly<Record<string, string>> = {
  R: 'Authentication', S: 'ParameterStatus', K: 'BackendKeyData', Z: 'ReadyForQuery', T: 'RowDescription', D: 'DataRow', E: 'ErrorResponse', N: 'NoticeResponse',
  '1': 'ParseComplete', '2': 'BindComplete', '3': 'CloseComplete', n: 'NoData', t: 'ParameterDescription', A: 'NotificationResponse', I: 'EmptyQueryResponse', s: 'PortalSuspended',
};

function shorten(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
