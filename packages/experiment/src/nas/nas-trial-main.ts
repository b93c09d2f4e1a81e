#!/usr/bin/env node
/** The command a NAS experiment runs for every trial: `node nas-trial-main.js`. */
import { ArchspaceError } from '@archspace/ir';
import { runNasTrial } from './nas-trial.js';

try {
  await runNasTrial();
} catch (error) {
  // An archspace error explains itself; anything else gets its stack for debugging.
  console.error(error instanceof ArchspaceError ? `${error.name}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
