// The certification report's public API: write a report folder from a certification, verify one,
// and the pieces a caller may want on their own (the report's JSON, JUnit, HTML, signing keys).
export { type WriteReportOptions, type WrittenReport, writeReport } from './write-report.ts';
export { type VerifyOutcome, verifyReportFolder } from './verify-report.ts';
export { type CertificationReport, certificationReport } from './report-json.ts';
export { junitXml } from './junit-xml.ts';
export { reportHtml } from './html/report-html.ts';
export { REPORT_FILES, REPORT_VERSION } from './report-files.ts';
export { ReportFolderError, checkDestination } from './report-folder.ts';
export { type SigningKey, SigningKeyError, ephemeralSigningKey, keyFingerprint, publicKeyFromFile, signingKeyFromFile } from './signing-key.ts';
export { plainVerdict } from './plain-verdict.ts';
