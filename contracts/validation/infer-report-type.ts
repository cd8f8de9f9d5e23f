// Which report type a bekymringsmelding.json is, from its content alone (for the CLI and for files
// found without their Fiks IO headers). The reporter decides privat or offentlig; the version is v2
// unless only v1 fits, because a receiver that supports v2 must accept v1 anyway.
import { FEILET } from '../message-types.ts';
import type { ReportType } from '../message-types.ts';
import { validateReport } from './validate.ts';

const PRIVAT_KEYS = ['privatMelder', 'privatBarn'] as const;
const OFFENTLIG_KEYS = ['offentligMelder', 'offentligBarn', 'foresatte'] as const;
/** Fields every report has; with a string melding they make a privat report rather than a feilmelding. */
export const COMMON_REPORT_KEYS = ['kommunenummer', 'kommunenavn', 'bydelsnummer', 'bydelsnavn', 'sendingstidspunkt', 'leveringskanal'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reporterOf(content: Record<string, unknown>): 'privat' | 'offentlig' | undefined {
  const privat = PRIVAT_KEYS.some((key) => key in content);
  const offentlig = OFFENTLIG_KEYS.some((key) => key in content);
  if (privat !== offentlig) return privat ? 'privat' : 'offentlig';
  if (privat) return undefined; // both kinds of reporter: ambiguous, let the caller ask
  if (isPlainObject(content['melding'])) return 'offentlig';
  if (typeof content['melding'] === 'string' && COMMON_REPORT_KEYS.some((key) => key in content)) return 'privat';
  return undefined;
}

/**
 * The report type of `value`, or undefined when its content does not say (not an object, no
 * reporter, or both kinds of reporter). privat v1 and v2 have the same shape, so privat is v2.
 */
export function inferReportType(value: unknown): ReportType | undefined {
  if (!isPlainObject(value)) return undefined;
  const reporter = reporterOf(value);
  if (reporter === 'privat') return 'no.ks.fiks.bekymringsmelding.privat.v2';
  if (reporter === 'offentlig') {
    const onlyV1Fits =
      validateReport('no.ks.fiks.bekymringsmelding.offentlig.v1', value).valid && !validateReport('no.ks.fiks.bekymringsmelding.offentlig.v2', value).valid;
    return onlyV1Fits ? 'no.ks.fiks.bekymringsmelding.offentlig.v1' : 'no.ks.fiks.bekymringsmelding.offentlig.v2';
  }
  return undefined;
}

/**
 * Like inferReportType, and also recognises feilmelding.json (the body of feilet.v1): an object
 * with a string melding and nothing of a report. `{}` stays undefined: it is as much an empty
 * report as an empty feilmelding.
 */
export function inferMessageType(value: unknown): ReportType | typeof FEILET | undefined {
  const report = inferReportType(value);
  if (report !== undefined || !isPlainObject(value)) return report;
  const reportKeys = [...PRIVAT_KEYS, ...OFFENTLIG_KEYS, ...COMMON_REPORT_KEYS];
  return typeof value['melding'] === 'string' && !reportKeys.some((key) => key in value) ? FEILET : undefined;
}
