// A trial of the REST soak: reports PERIODICAL metrics in small batches, then a FINAL one, as the
// trial protocol says (JSON lines appended to $ARCHSPACE_METRICS_FILE). The first trial of an
// experiment also writes 100 MB to its stdout: the file the soak downloads.
import { appendFileSync, readFileSync, writeSync } from 'node:fs';

const PERIODICAL_METRICS = 400;
const LINES_PER_WRITE = 8;
const PAUSE_MS = 20;
const BIG_STDOUT_MB = 100;

const metricsFile = process.env.ARCHSPACE_METRICS_FILE;
const { parameter_id } = JSON.parse(readFileSync(process.env.ARCHSPACE_PARAMETERS_FILE, 'utf8'));
const line = (type, sequence) => `${JSON.stringify({ type, sequence, parameter_id, value: JSON.stringify(Math.random()), timestamp: Date.now() })}\n`;

if (process.env.ARCHSPACE_TRIAL_SEQ_ID === '0') {
  const megabyte = Buffer.alloc(1 << 20, 'a line of the big stdout\n');
  for (let i = 0; i < BIG_STDOUT_MB; i++) writeSync(1, megabyte);
}
for (let sequence = 0; sequence < PERIODICAL_METRICS; ) {
  let lines = '';
  for (let i = 0; i < LINES_PER_WRITE && sequence < PERIODICAL_METRICS; i++) lines += line('PERIODICAL', sequence++);
  appendFileSync(metricsFile, lines);
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
appendFileSync(metricsFile, line('FINAL', 0));
