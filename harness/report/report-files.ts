// The files of a certification report folder, by role. Every file but the envelope is a subject
// of the signed statement; the envelope signs them all. A folder holding exactly these (or fewer)
// is "an earlier report" that `certify --out` may replace; anything else in it is someone's data.
export const REPORT_FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  history: 'history.jsonl',
  publicKey: 'public-key.pem',
  envelope: 'signature.dsse.json',
} as const;

export const REPORT_FILE_NAMES: readonly string[] = Object.values(REPORT_FILES);

/** The version of report.json's shape (contracts/schemas/report.schema.json); raise it on an incompatible change. */
export const REPORT_VERSION = 1;
