#!/usr/bin/env node
/** CLI entry (built to out/node/cli.js). */
import { runCli } from './main';
import { processIo } from './io';

// `rig-advisor plan … | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
