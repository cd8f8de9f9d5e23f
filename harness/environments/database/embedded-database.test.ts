import { describeDatabaseConformance } from './database-conformance.ts';
import { openEmbeddedDatabase } from './embedded-database.ts';

describeDatabaseConformance('PGlite in memory', openEmbeddedDatabase);
