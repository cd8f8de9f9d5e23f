// Entry point of the `ackproof` command (bin/ackproof.js imports this). exitCode rather than
// process.exit, so that output piped to another program is flushed before the process ends.
import { dispatch } from './dispatch.ts';

process.exitCode = await dispatch(process.argv.slice(2));
