import { openEmbeddedDatabase } from '../../../harness/environments/database/index.ts';
import { describeCaseStoreConformance } from './case-store-cases.ts';

describeCaseStoreConformance('PGlite', openEmbeddedDatabase);
