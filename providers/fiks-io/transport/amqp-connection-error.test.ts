import { describe, expect, test } from '@jest/globals';
import { explainConnectFailure, redactAmqpUrl } from './amqp-connection-error.ts';

describe('redactAmqpUrl', () => {
  test('hides the password and keeps the rest', () => {
    expect(redactAmqpUrl('amqp://guest:s3cret@rabbit.local:5672/%2F')).toBe('amqp://guest:***@rabbit.local:5672/%2F');
    expect(redactAmqpUrl('amqp://127.0.0.1')).toBe('amqp://127.0.0.1');
    expect(redactAmqpUrl('not a url s3cret')).not.toContain('s3cret');
  });
});

describe('explainConnectFailure', () => {
  const url = 'amqp://guest:s3cret@127.0.0.1:5673';
  const withCode = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:5673`), { code });

  test.each([
    [withCode('ECONNREFUSED'), /Is RabbitMQ running\?/],
    [withCode('ENOTFOUND'), /host name does not resolve/],
    [new Error('connect ETIMEDOUT'), /timed out/],
    [new Error('Handshake terminated by server: 403 (ACCESS-REFUSED)'), /refused the login/],
    [new Error('Expected ConnectionOpenOk; got <ConnectionClose channel:0>'), /virtual host/],
    [new Error('something new'), /the broker said: something new/],
  ])('names the URL without its password and says what to try (%#)', (cause, advice) => {
    const error = explainConnectFailure(url, cause);
    expect(error.message).toMatch(/^amqpTransport: cannot connect to RabbitMQ at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:5673: /);
    expect(error.message).toMatch(advice);
    expect(error.message).not.toContain('s3cret');
    expect(error.cause).toBe(cause);
  });
});
