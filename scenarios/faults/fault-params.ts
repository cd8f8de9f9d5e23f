// A fault plan's parameters, checked against the package's: every name known, every value a whole
// number at or above its minimum. Left-out parameters take the defaults. Plans are data a person
// may type (`--faults storage-outage:from=2,count=3`), so a mistake is named, not guessed around.
import type { FaultPackage } from './fault.ts';

export class FaultPlanError extends Error {
  override readonly name = 'FaultPlanError';
}

export function resolveParams(pkg: FaultPackage, given: Readonly<Record<string, number>> = {}): Readonly<Record<string, number>> {
  const known = Object.keys(pkg.parameters);
  const resolved: Record<string, number> = {};
  for (const [name, value] of Object.entries(given)) {
    const parameter = pkg.parameters[name];
    if (parameter === undefined) {
      throw new FaultPlanError(
        `fault ${pkg.name}: no parameter named ${JSON.stringify(name)}; ${known.length === 0 ? 'it takes none' : `its parameters are: ${known.join(', ')}`}`,
      );
    }
    if (!Number.isSafeInteger(value) || value < parameter.min) {
      throw new FaultPlanError(`fault ${pkg.name}: ${name} must be a whole number ≥ ${parameter.min} (${parameter.description}), got ${String(value)}`);
    }
    resolved[name] = value;
  }
  for (const [name, parameter] of Object.entries(pkg.parameters)) resolved[name] ??= parameter.default;
  return resolved;
}

/** A resolved parameter; the package declared it, so it is there. */
export function param(params: Readonly<Record<string, number>>, name: string): number {
  const value = params[name];
  if (value === undefined) throw new FaultPlanError(`fault parameter ${name} is missing; resolveParams() fills every declared parameter`);
  return value;
}
