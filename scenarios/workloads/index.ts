// The workloads' public API: seeded randomness, synthetic reports, their PDF and payload zip.
export { type Random, seededRandom, seedFrom } from './random.ts';
export { type GeneratedReport, type ReportOptions, generateReport, generateReports } from './report-workload.ts';
export { keptReport, reportsMadeOnRead } from './kept-report.ts';
export { renderReportPdf } from './report-pdf.ts';
export { buildPayload } from './report-payload.ts';
export { type Municipality, type ReceivingUnit, MUNICIPALITIES, RECEIVING_UNITS, bydelRessursId, findReceivingUnit } from './municipalities.ts';
export { syntheticFnr, fnrCheckDigits, SYNTHETIC_MONTH_OFFSET } from './synthetic-fnr.ts';
export { osloInstant, parseLocalDateTime } from './sending-time.ts';
