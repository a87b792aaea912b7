#!/usr/bin/env node
/** CLI entry (built to out/node/cli.js). */
import { runCli } from './main';
import { processIo } from './io';

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
