// For tests: which message type each of KS's example files is an example of, and a fresh copy of
// one to break. KS's files are read from the shared reference folder, never copied here.
import type { FEILET, ReportType } from '../message-types.ts';
import { readKsJson } from '../../harness/testing/ks-reference.ts';

export const KS_EXAMPLE_TYPES: Readonly<Record<string, ReportType | typeof FEILET>> = {
  'privatBekymringsmeldingV1.json': 'no.ks.fiks.bekymringsmelding.privat.v1',
  'privatBekymringsmeldingV2.json': 'no.ks.fiks.bekymringsmelding.privat.v2',
  'offentligBekymringsmeldingV1.json': 'no.ks.fiks.bekymringsmelding.offentlig.v1',
  'offentligBekymringsmeldingV2.json': 'no.ks.fiks.bekymringsmelding.offentlig.v2',
  'feilmelding.json': 'no.ks.fiks.bekymringsmelding.feilet.v1',
  'feilmelding_tom.json': 'no.ks.fiks.bekymringsmelding.feilet.v1',
};

/** A deep copy of one of KS's examples, free to break. */
export function ksExample(file: string): Record<string, unknown> {
  return structuredClone(readKsJson(`examples/${file}`)) as Record<string, unknown>;
}
