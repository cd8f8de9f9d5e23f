// The reference receiver reads the launch contract before it connects to anything: every missing or
// malformed variable is named, and main.ts exits 2 with that message.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { LAUNCH_VARIABLES } from '../../../harness/adapters/launch-contract.ts';
import { LaunchEnvironmentError, readLaunchEnvironment } from './launch-environment.ts';

const valid = {
  [LAUNCH_VARIABLES.amqpUrl]: 'amqp://guest:guest@127.0.0.1:5672',
  [LAUNCH_VARIABLES.queue]: 'ackproof.run_x.fiksio.konto.6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000002',
  [LAUNCH_VARIABLES.kontoId]: '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000002',
  [LAUNCH_VARIABLES.sendApiUrl]: 'http://127.0.0.1:40123',
  [LAUNCH_VARIABLES.dokumentlagerUrl]: 'http://127.0.0.1:40123/dokumentlager/api/v1/dokumenter/',
  [LAUNCH_VARIABLES.databaseUrl]: 'postgresql://postgres@127.0.0.1:5432/postgres?options=-c%20search_path%3Dackproof_run_x_case',
  [LAUNCH_VARIABLES.readBackPort]: '40124',
};

function problemsIn(env: Record<string, string | undefined>): readonly string[] {
  try {
    readLaunchEnvironment(env);
    return [];
  } catch (error) {
    if (!(error instanceof LaunchEnvironmentError)) throw error;
    return error.variables;
  }
}

describe('readLaunchEnvironment', () => {
  test('a complete, well-formed environment is read as given', () => {
    expect(readLaunchEnvironment({ ...valid, UNRELATED: 'x' })).toEqual(valid);
  });

  test('each variable, missing, empty or malformed, is named', () => {
    const malformed: Record<string, string> = {
      [LAUNCH_VARIABLES.amqpUrl]: 'http://127.0.0.1:5672',
      [LAUNCH_VARIABLES.queue]: '~dead-letters',
      [LAUNCH_VARIABLES.kontoId]: 'kommune',
      [LAUNCH_VARIABLES.sendApiUrl]: '127.0.0.1:40123',
      [LAUNCH_VARIABLES.dokumentlagerUrl]: 'ftp://127.0.0.1/',
      [LAUNCH_VARIABLES.databaseUrl]: 'mysql://127.0.0.1/',
      [LAUNCH_VARIABLES.readBackPort]: '65536',
    };
    for (const variable of Object.values(LAUNCH_VARIABLES)) {
      expect(problemsIn({ ...valid, [variable]: undefined })).toEqual([variable]);
      expect(problemsIn({ ...valid, [variable]: ' ' })).toEqual([variable]);
      expect(problemsIn({ ...valid, [variable]: malformed[variable] })).toEqual([variable]);
    }
  });

  test('the message names every bad variable with what was expected', () => {
    expect(() => readLaunchEnvironment({ ...valid, [LAUNCH_VARIABLES.readBackPort]: 'http', [LAUNCH_VARIABLES.queue]: undefined })).toThrow(
      /ACKPROOF_QUEUE: missing[\s\S]*ACKPROOF_READ_BACK_PORT: "http" is not a TCP port \(1 to 65535\)[\s\S]*docs\/launch-contract\.md/,
    );
  });
});

describe('main.ts', () => {
  test('without a usable launch environment it names the variable and exits 2, before connecting to anything', () => {
    const result = spawnSync('node_modules/.bin/node', ['providers/case-system/reference/main.ts'], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...valid, [LAUNCH_VARIABLES.databaseUrl]: 'not a url' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/ACKPROOF_DATABASE_URL: "not a url" is not a URL; expected e\.g\. postgresql:\/\//);
    expect(result.stderr).not.toMatch(/ACKPROOF_AMQP_URL/);
  });
});
