// Public API of the Fiks IO simulator. Import from here, not from the files behind it; the queue
// transports are imported from transport/ directly (createEmbeddedTransport, createAmqpTransport).
export type { FiksIoSimulator, FiksIoSimulatorOptions } from './fiks-io-simulator.ts';
export { ACCOUNT_QUEUE_PREFIX, accountQueue, createFiksIoSimulator } from './fiks-io-simulator.ts';
export type { SendApi, SendMetadata, SendRequest, SendResult, SendtMelding } from './send-api.ts';
export { DEFAULT_TTL_MS, DOKUMENTLAGER_PATH_PREFIX, SEND_PATH } from './send-api.ts';
export type { SendRequestRefusal, SendRequestStatus } from './send-api-errors.ts';
export { SendApiUnavailableError, SendRequestError } from './send-api-errors.ts';
export type { FiksIoEvent, FiksIoEventKind } from './fiks-io-events.ts';
export { DOKUMENTLAGER_GRACE_MS, DokumentlagerNotFoundError } from './dokumentlager.ts';
export { PLATFORM_KONTO_ID } from './platform-receipts.ts';
export type { FetchImpl, HttpSendApiClient } from './http-send-api-client.ts';
export { createHttpSendApiClient } from './http-send-api-client.ts';
export { createHttpDokumentlagerClient } from './http-dokumentlager-client.ts';
export type { FiksIoHttpServer, FiksIoHttpServerOptions, ServedFiksIo } from './fiks-io-http-server.ts';
export { DEFAULT_MAX_REQUEST_BYTES, startFiksIoHttpServer } from './fiks-io-http-server.ts';
export type { ProblemDetails } from './problem-details.ts';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE } from './problem-details.ts';
