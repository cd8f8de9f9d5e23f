// After the run: ask the case system, through its read-back API, what it holds for every report,
// and judge it against what the portal sent (providers/portal/read-back-judgement.ts: the JSON
// deep-equal, the PDF's SHA-256, visible to the right municipality and district, one case). An
// answer that cannot be trusted is 'unknown', never "not stored".
import { type ReadBack, ReadBackError, type ReadBackClient, type ReadBackResult, type SentReport, judgeReadBack } from '../../providers/portal/index.ts';

/** What the read-back API answered, as it answered it: for the history, which the checker judges. */
export type ReadBackAnswer = ReadBackResult | { readonly found: 'unknown'; readonly error: string };

export type ReportReadBack = (
  | { readonly bekymringsmeldingId: string; readonly outcome: 'match' | 'not-found' | 'different'; readonly antallSaker: number; readonly details: readonly string[] }
  | { readonly bekymringsmeldingId: string; readonly outcome: 'unknown'; readonly antallSaker: null; readonly details: readonly string[] }
) & { readonly answer?: ReadBackAnswer };

/** A few at a time: enough to hide an HTTP round trip, few enough not to crowd the database. */
const CONCURRENCY = 8;

/**
 * `keep` is given each stored copy once it is judged, and its answer is held instead: the run holds
 * every answer until the end, so a copy equal to what was sent is held as the history holds it (an
 * accessor over the sent text), not parsed — a national year's parsed copies were over 1 GB.
 */
export async function readBackAll(
  ids: readonly string[],
  readBack: ReadBackClient,
  sentReport: (bekymringsmeldingId: string) => SentReport | undefined,
  keep: (bekymringsmeldingId: string, stored: ReadBack) => ReadBack = (_, stored) => stored,
): Promise<ReportReadBack[]> {
  const results: ReportReadBack[] = new Array<ReportReadBack>(ids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < ids.length; index = next++) {
      const id = ids[index] ?? '';
      results[index] = kept(await readOne(id, readBack, sentReport(id)), keep);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return results;
}

async function readOne(id: string, readBack: ReadBackClient, sent: SentReport | undefined): Promise<ReportReadBack> {
  let result;
  try {
    result = await readBack.read(id);
  } catch (error) {
    if (!(error instanceof ReadBackError)) throw error;
    return { bekymringsmeldingId: id, outcome: 'unknown', antallSaker: null, details: [error.message], answer: { found: 'unknown', error: error.message } };
  }
  const antallSaker = result.found ? result.readBack.antallSaker : 0;
  if (sent === undefined) {
    // Never sent, so nothing to compare: stored would be a mystery, not stored is expected.
    return { bekymringsmeldingId: id, outcome: result.found ? 'different' : 'not-found', antallSaker, details: ['the portal never sent this report'], answer: result };
  }
  const verdict = judgeReadBack(sent, result);
  return { bekymringsmeldingId: id, outcome: verdict.outcome, antallSaker, details: verdict.outcome === 'match' ? [] : verdict.details, answer: result };
}

function kept(result: ReportReadBack, keep: (bekymringsmeldingId: string, stored: ReadBack) => ReadBack): ReportReadBack {
  const answer = result.answer;
  if (answer === undefined || !('readBack' in answer)) return result;
  return { ...result, answer: { found: true, readBack: keep(result.bekymringsmeldingId, answer.readBack) } };
}
