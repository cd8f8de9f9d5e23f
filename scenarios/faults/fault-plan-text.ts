// A fault schedule as one line a person can type and a replay command can carry:
//   crash-after-commit:nth=3,storage-outage:from=2;count=3
// Faults are separated by commas; a fault's parameters follow a colon, separated by semicolons.
import { type FaultPlan, isFaultName, FAULT_NAMES } from './fault.ts';
import { FaultPlanError } from './fault-params.ts';

export function formatFaultPlan(plan: FaultPlan): string {
  const params = Object.entries(plan.params ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(';');
  return params === '' ? plan.fault : `${plan.fault}:${params}`;
}

export function formatFaultPlans(plans: readonly FaultPlan[]): string {
  return plans.length === 0 ? 'none' : plans.map(formatFaultPlan).join(',');
}

export function parseFaultPlans(text: string): FaultPlan[] {
  if (text.trim() === 'none') return [];
  return text.split(',').map((part) => {
    const [name = '', paramText] = part.trim().split(':', 2);
    if (!isFaultName(name)) throw new FaultPlanError(`parseFaultPlans: ${JSON.stringify(name)} is no fault; the faults are: ${FAULT_NAMES.join(', ')}`);
    if (paramText === undefined || paramText === '') return { fault: name };
    const params: Record<string, number> = {};
    for (const pair of paramText.split(';')) {
      const [key = '', value = ''] = pair.split('=', 2);
      if (key === '' || !/^\d+$/.test(value)) throw new FaultPlanError(`parseFaultPlans: in ${JSON.stringify(part)}, ${JSON.stringify(pair)} is not name=whole-number`);
      params[key] = Number(value);
    }
    return { fault: name, params };
  });
}
