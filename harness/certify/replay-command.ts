// The command that replays one scenario run: printed with every failure, so anyone can run it
// again. In the embedded mode it gives the identical history; a shrunk run carries its schedule.
import type { EnvironmentKind } from '../environments/run-environment.ts';
import { formatFaultPlans } from '../../scenarios/faults/index.ts';
import type { ScenarioSchedule } from './scenario-schedule.ts';

function shellWord(text: string): string {
  return /^[\w.:/@=,;-]+$/.test(text) && !text.includes(';') ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

export function replayCommand(options: {
  readonly adapter: string;
  readonly scenarioId: string;
  readonly seed: string;
  readonly environment: EnvironmentKind;
  /** When the schedule is not the scenario's own (a shrunk one): spelled out. */
  readonly schedule?: ScenarioSchedule;
}): string {
  const words = ['npx', 'ackproof', 'certify', '--adapter', options.adapter, '--scenario', options.scenarioId, '--seed', options.seed];
  if (options.environment !== 'embedded') words.push('--env', options.environment);
  if (options.schedule !== undefined) words.push('--reports', String(options.schedule.reports), '--faults', formatFaultPlans(options.schedule.faults));
  return words.map(shellWord).join(' ');
}
