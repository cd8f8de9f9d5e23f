// The run history's public API: the events, the append-only log, its file form, and the adapters
// that turn the parties' own events and the broker's deliveries into history events.
export {
  type HistoryEvent,
  type HistoryEventBody,
  type HistoryEventName,
  type HistoryEventOf,
  type HistoryReceiptKind,
  type OperationOutcome,
  type ReadBackEventOutcome,
  HISTORY_EVENT_NAMES,
  isHistoryEventName,
} from './history-event.ts';
export { historyEventProblem, isHistoryEvent } from './history-event-shape.ts';
export { type History, type HistoryClock, createHistory } from './history.ts';
export { HistoryFileError, historyJsonLine, parseHistoryJsonLines, readHistory, writeHistoryFile } from './history-file.ts';
export { canonicalJson, contentSha256 } from './content-digest.ts';
export { type ReportSubmittedBody, type ReportSubmittedOptions, reportSubmitted } from './report-submitted.ts';
export { fromFiksIoEvent, fromPortalEvent } from './party-events.ts';
export { type DeliveryRecorderOptions, recordDeliveries } from './delivery-recorder.ts';
