export type { Database, Queryable } from './database.ts';
export { openEmbeddedDatabase } from './embedded-database.ts';
export { type EmbeddedDatabasePool, createEmbeddedDatabasePool } from './embedded-database-pool.ts';
export { DEFAULT_DATABASE_URL, openDatabaseAtUrl, openServicesDatabase, schemaForRun, type ServicesDatabaseOptions } from './services-database.ts';
export { ServicesUnavailableError, redactUrl } from './services-unavailable-error.ts';
export { UNIQUE_VIOLATION, isUniqueViolation, sqlState } from './unique-violation.ts';
