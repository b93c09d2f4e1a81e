/**
 * The server process of the dashboard bench: serves a stored experiment (`viewExperiment`, as
 * `archspace view` does) and holds a writable connection to the same store. It tells its parent
 * `{ url }` over IPC once it serves; on 'write' it finishes one trial with a final metric (a commit
 * that changes both the listing and the metric order) and answers 'written'; on 'exit' it closes.
 *
 * Arguments: the experiment's folder, the sequence id of the trial to write.
 */
import { join } from 'node:path';
import { SqliteStore, STORE_FILE, viewExperiment } from '@archspace/experiment';

const [dir, sequenceText] = process.argv.slice(2);
if (dir === undefined || sequenceText === undefined || process.send === undefined) {
  throw new Error('usage: fork dashboard-server.ts <experiment folder> <sequence id to write> (with an IPC channel)');
}
const viewed = await viewExperiment(dir);
const writer = SqliteStore.open(join(dir, STORE_FILE));
process.on('message', (message) => {
  if (message === 'write') {
    const sequenceId = Number(sequenceText);
    const trialJobId = `t${sequenceId.toString(36)}`;
    const now = Date.now();
    writer.transaction(() => {
      writer.updateTrial(trialJobId, { status: 'SUCCEEDED', endTime: now, message: 'rewritten by the bench' });
      writer.insertMetric({ trialJobId, parameterId: sequenceId, type: 'FINAL', sequence: 0, timestamp: now, data: JSON.stringify({ default: 2 }) });
    });
    process.send!('written');
  } else if (message === 'exit') {
    writer.close();
    void viewed.close().then(() => process.exit(0));
  }
});
process.send({ url: viewed.server!.url });
