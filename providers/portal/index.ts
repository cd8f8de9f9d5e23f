// The simulated portal's public API.
export { DEADLINE_WORKING_DAYS, type DispatchSummary, type Portal, type PortalOptions, type TickSummary, createPortal } from './portal.ts';
export type { AcceptOutcome } from './portal-outbox.ts';
export type { ReceiptHandling } from './portal-receipts.ts';
export type { RetentionSummary } from './portal-retention.ts';
export type { PortalReportView } from './portal-queries.ts';
export type { PortalEvent, PortalEventType, ReadBackOutcome, ReceiptIgnoredReason, ReceiptKind, RetentionPolicyKind } from './portal-events.ts';
export type { PortalSendApi, PortalSendMetadata } from './portal-send-api.ts';
export { PORTAL_STATES, type PortalState, type RefusalKind, type TransitionCause, isFinalState } from './portal-states.ts';
export type { StateChange } from './portal-transitions.ts';
export {
  DEFAULT_CHECK_AFTER_MS,
  DEFAULT_RETRY_AFTER_MS,
  KS_RETENTION_2020_TO_2023,
  KS_RETENTION_SINCE_2023,
  type RetentionPolicy,
  readBackPolicy,
} from './retention-policy.ts';
export { type ReadBackVerdict, type SentReport, judgeReadBack } from './read-back-judgement.ts';
export { jsonDifferences } from './json-differences.ts';
export { addWorkingDays, isWorkingDay } from './working-days.ts';
export { type PublicHoliday, easterSunday, isNorwegianPublicHoliday, norwegianPublicHolidays } from './norwegian-holidays.ts';
export { osloDate, osloStartOfDay } from './oslo-calendar.ts';
export { type ReadBack, type ReadBackClient, type ReadBackResult, READ_BACK_PATH, ReadBackError, createReadBackClient } from './read-back-client.ts';
export { type Receipt, FEILMELDING_NAME, readReceipt } from './receipt-reader.ts';
export { PORTAL_TABLES, dropPortalTables, migratePortal } from './portal-schema.ts';
