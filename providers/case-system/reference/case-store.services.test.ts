import { DEFAULT_DATABASE_URL, openServicesDatabase } from '../../../harness/environments/database/index.ts';
import { describeCaseStoreConformance } from './case-store-cases.ts';

const url = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
const runId = `case_store_${Date.now().toString(36)}_${process.pid}`;

describeCaseStoreConformance('PostgreSQL', () => openServicesDatabase({ url, runId }));
