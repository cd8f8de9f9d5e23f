// The report-submitted event for a report as the portal sent it (what went over the wire, as
// harness/run's recording send API keeps it), with the digest the checker compares against.
import { isReportType } from '../../contracts/message-types.ts';
import type { SentReport } from '../../providers/portal/read-back-judgement.ts';
import { contentSha256 } from './content-digest.ts';
import type { HistoryEventOf } from './history-event.ts';
import { withContentText } from './shared-content.ts';

export type ReportSubmittedBody = Omit<HistoryEventOf<'report-submitted'>, 'seq' | 'at'>;

export interface ReportSubmittedOptions {
  /**
   * Keep bekymringsmelding.json in the history, so a loss is described by path and character
   * position. Off, the checker still judges from the digest but can only say "differs". Kept as
   * the sent text (`sent.contentJson`, which the run holds anyway), parsed when `content` is read.
   */
  readonly keepContent?: boolean;
}

export function reportSubmitted(sent: SentReport, options: ReportSubmittedOptions = {}): ReportSubmittedBody {
  if (!isReportType(sent.meldingstype)) {
    throw new TypeError(`reportSubmitted: report ${sent.bekymringsmeldingId} has meldingstype ${sent.meldingstype}, which is no report type`);
  }
  const body: ReportSubmittedBody = {
    event: 'report-submitted',
    reportId: sent.bekymringsmeldingId,
    meldingstype: sent.meldingstype,
    kommunenummer: sent.kommunenummer,
    bydelsnummer: sent.bydelsnummer,
    contentSha256: contentSha256(JSON.parse(sent.contentJson)),
    pdfSha256: sent.pdfSha256,
  };
  return options.keepContent === true ? withContentText(body, sent.contentJson) : body;
}
