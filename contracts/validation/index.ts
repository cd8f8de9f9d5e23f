// Public API of the project's contract validation. Import from here, not from the files behind it.
export type { ValidationProblem, ValidationResult } from './validation-problem.ts';
export { formatProblems } from './validation-problem.ts';
export { validateDeliveryHeaders, validateFeilmelding, validateReadBack, validateReport, validateSendMetadata } from './validate.ts';
export { inferMessageType, inferReportType } from './infer-report-type.ts';
export { LOCAL_DATE_TIME_FORMAT, isLocalDateTime } from './local-date-time-format.ts';
