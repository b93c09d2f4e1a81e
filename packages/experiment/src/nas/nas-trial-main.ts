#!/usr/bin/env node
/** The command a NAS experiment runs for every trial: `node nas-trial-main.js`. */
import { runNasTrial } from './nas-trial.js';

try {
  await runNasTrial();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
