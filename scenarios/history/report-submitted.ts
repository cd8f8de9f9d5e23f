// The report-submitted event for a report as the portal sent it (what went over the wire, as
// harness/run's recording send API keeps it), with the digest the checker compares against.
import { isReportType } from '../../contracts/message-types.ts';
import { formatProblems, validateReport } from '../../contracts/validation/index.ts';
import type { SentReport } from '../../providers/portal/read-back-judgement.ts';
import { contentSha256 } from './content-digest.ts';
import type { HistoryEventOf, SubmittedValidity } from './history-event.ts';
import { withContentText } from './shared-content.ts';

export type ReportSubmittedBody = Omit<HistoryEventOf<'report-submitted'>, 'seq' | 'at'>;

export interface ReportSubmittedOptions {
  /**
   * Keep bekymringsmelding.json in the history, so a loss is described by path and character
   * position. Off, the checker still judges from the digest but can only say "differs". Kept as
   * the sent text (`sent.contentJson`, which the run holds anyway), parsed when `content` is read.
   */
  readonly keepContent?: boolean;
  /**
   * Judge the content against the schema of its type now and keep only that (validity), so a
   * refusal can be judged without the content: for runs too large to keep every report's text.
   * Costs one schema validation per report (about 40 µs for a typical generated report).
   */
  readonly keepValidity?: boolean;
}

/** How many schema problems a refusal's reason quotes (refusal-judgement.ts quotes as many). */
export const PROBLEMS_QUOTED = 3;

/** The validity of `content` as a report of `meldingstype`, as report-submitted keeps it. */
export function submittedValidity(meldingstype: Parameters<typeof validateReport>[0], content: unknown): SubmittedValidity {
  const validation = validateReport(meldingstype, content);
  if (validation.valid) return { valid: true };
  return { valid: false, problems: formatProblems(validation.problems.slice(0, PROBLEMS_QUOTED)).replaceAll('\n', '; '), problemCount: validation.problems.length };
}

export function reportSubmitted(sent: SentReport, options: ReportSubmittedOptions = {}): ReportSubmittedBody {
  if (!isReportType(sent.meldingstype)) {
    throw new TypeError(`reportSubmitted: report ${sent.bekymringsmeldingId} has meldingstype ${sent.meldingstype}, which is no report type`);
  }
  const content: unknown = JSON.parse(sent.contentJson);
  const body: ReportSubmittedBody = {
    event: 'report-submitted',
    reportId: sent.bekymringsmeldingId,
    meldingstype: sent.meldingstype,
    kommunenummer: sent.kommunenummer,
    bydelsnummer: sent.bydelsnummer,
    contentSha256: contentSha256(content),
    pdfSha256: sent.pdfSha256,
    ...(options.keepValidity === true ? { validity: submittedValidity(sent.meldingstype, content) } : {}),
  };
  // Read from `sent` when asked for: the run keeps that small (recording-send-api.ts).
  return options.keepContent === true ? withContentText(body, { read: () => sent.contentJson }) : body;
}
