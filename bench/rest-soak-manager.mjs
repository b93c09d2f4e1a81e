// The manager process of the REST soak, plain JavaScript so that it runs as `archspace create`
// does, without a TypeScript loader in its memory: starts an experiment whose trials are
// rest-soak-trial.mjs, with its REST server, and tells the parent over IPC `{ url, dir }` once it
// serves. On the message 'stop' it stops the experiment and answers 'stopped' once every trial has
// ended; on 'exit' it closes the experiment and exits.
//
// Arguments: the working directory, the trial script, the REST token.
import { startExperiment } from '@archspace/experiment';

const [workingDirectory, trialScript, token] = process.argv.slice(2);
if (workingDirectory === undefined || trialScript === undefined || token === undefined || process.send === undefined) {
  throw new Error('usage: fork rest-soak-manager.mjs <working directory> <trial script> <token> (with an IPC channel)');
}

const experiment = await startExperiment(
  {
    experimentName: 'rest-soak',
    searchSpace: { x: { _type: 'uniform', _value: [0, 1] } },
    trialCommand: `node ${JSON.stringify(trialScript)}`,
    trialCodeDirectory: workingDirectory,
    trialConcurrency: 2,
    maxTrialNumber: 100_000,
    tuner: { name: 'Random' },
    experimentWorkingDirectory: workingDirectory,
  },
  { token },
);
process.send({ url: experiment.server.url, dir: experiment.dir });

process.on('message', (message) => {
  if (message === 'stop') {
    void experiment.manager
      .stop()
      .then(() => experiment.done)
      .then(() => process.send('stopped'));
  } else if (message === 'exit') {
    void experiment.close().then(() => process.exit(0));
  }
});
