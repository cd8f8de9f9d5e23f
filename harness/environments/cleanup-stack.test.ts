import { describe, expect, test } from '@jest/globals';
import { createCleanupStack } from './cleanup-stack.ts';

describe('createCleanupStack', () => {
  test('closes last-opened first, runs every step although one fails, and reports the failure by name once', async () => {
    const closed: string[] = [];
    const stack = createCleanupStack('test');
    stack.push('the database', () => {
      closed.push('database');
      return Promise.resolve();
    });
    stack.push('the broker', () => Promise.reject(new Error('connection reset')));
    stack.push('the server', () => {
      closed.push('server');
      return Promise.resolve();
    });
    await expect(stack.closeAll()).rejects.toThrow(/test: closing the environment left things behind or failed:\n {2}the broker: connection reset/);
    expect(closed).toEqual(['server', 'database']);
    await expect(stack.closeAll()).rejects.toThrow(/the broker/);
    expect(closed).toEqual(['server', 'database']);
    expect(() => stack.push('late', () => Promise.resolve())).toThrow(/after close\(\) began/);
  });
});
