// What the case system holds, held against what was submitted — sorted into the checker's
// categories, because each fails for its own reason: something else stored (lost), stored twice
// (duplicated), stored where the responsible unit cannot see it (misrouted). The portal's
// judgeReadBack (providers/portal/read-back-judgement.ts) asks one question — "safe to purge?" —
// and needs the sent JSON text; the checker has only the history, so equality is decided by the
// canonical digest and the kept content (if any) is used to say WHERE it differs, through the
// same jsonDifferences the portal uses.
import { jsonDifferences } from '../../providers/portal/json-differences.ts';
import type { ReadBack } from '../../providers/portal/read-back-client.ts';
import { contentSha256 } from '../history/content-digest.ts';
import { knownContentSha256 } from '../history/shared-content.ts';
import type { HistoryEventOf } from '../history/history-event.ts';

export interface StoredComparison {
  /** At least one case holds it. */
  readonly stored: boolean;
  readonly antallSaker: number;
  /** Why what is stored is not what was sent (content, PDF, meldingstype); empty when equal. */
  readonly different: readonly string[];
  readonly duplicated: boolean;
  /** Why the responsible municipality/district cannot see it; undefined when it can. */
  readonly misrouted: string | undefined;
  readonly visibleToOthers: boolean;
}

function contentDifferences(submitted: HistoryEventOf<'report-submitted'>, readBack: ReadBack): string[] {
  let storedSha256: string;
  try {
    // The history computed it already when it shared the copy with what was sent (shared-content.ts),
    // and reading the copy there would parse it: read it only when the digest is not known.
    storedSha256 = knownContentSha256(readBack) ?? contentSha256(readBack.bekymringsmelding);
  } catch (error) {
    return [`bekymringsmelding.json: what is stored is no JSON value (${error instanceof Error ? error.message : String(error)})`];
  }
  if (storedSha256 === submitted.contentSha256) return [];
  // Read once: kept as the sent text, each read parses it (shared-content.ts).
  const sentContent = submitted.content;
  if (sentContent === undefined) {
    return [`bekymringsmelding.json: differs from what was sent (SHA-256 sent ${submitted.contentSha256}, stored ${storedSha256}); the history kept no content to say where`];
  }
  const where = jsonDifferences(sentContent, readBack.bekymringsmelding).map((difference) => `bekymringsmelding.json ${difference}`);
  // Deep-equal to the kept content, yet another digest: report-submitted's contentSha256 was not
  // made by contentSha256(). Still a difference — the digest is what the history promised.
  return where.length > 0
    ? where
    : [`bekymringsmelding.json: SHA-256 of what is stored (${storedSha256}) is not report-submitted's contentSha256 (${submitted.contentSha256}), although it equals the kept content: was contentSha256 made with contentSha256()?`];
}

export function compareStored(submitted: HistoryEventOf<'report-submitted'>, readBack: ReadBack): StoredComparison {
  const different: string[] = [];
  if (readBack.meldingstype !== submitted.meldingstype) different.push(`meldingstype: sent ${submitted.meldingstype}, stored ${readBack.meldingstype}`);
  different.push(...contentDifferences(submitted, readBack));
  if (readBack.pdf === null) different.push('bekymringsmelding.pdf: sent but not stored');
  else if (readBack.pdf.sha256 !== submitted.pdfSha256) different.push(`bekymringsmelding.pdf: SHA-256 differs (stored ${readBack.pdf.bytes} bytes)`);

  const responsible = `${submitted.kommunenummer}/${submitted.bydelsnummer}`;
  const places = readBack.synligFor.map((place) => `${place.kommunenummer}/${place.bydelsnummer}`);
  const visible = places.includes(responsible);
  return {
    stored: readBack.antallSaker >= 1,
    antallSaker: readBack.antallSaker,
    different,
    duplicated: readBack.antallSaker > 1,
    misrouted: visible ? undefined : `not visible to ${responsible}, the municipality/district it was sent to (visible to ${places.join(', ') || 'nobody'})`,
    visibleToOthers: visible && places.some((place) => place !== responsible),
  };
}
