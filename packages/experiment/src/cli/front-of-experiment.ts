/** Where `archspace front` reads an experiment's Pareto front: its running manager, or its store. */
import type { Experiment } from '../client/experiment.js';
import { experimentDir, viewExperiment } from '../launch/launch-experiment.js';
import { isManagerRunning } from '../manager/manager-lock.js';
import type { ParetoFront } from '../records.js';

/**
 * The Pareto front of experiment `id` in `workingDirectory`: from its REST API (through `connect`)
 * while a manager runs it, otherwise from its store, opened read-only as `archspace view` does.
 */
export async function paretoFrontOf(id: string, workingDirectory: string, connect: () => Promise<Experiment>): Promise<ParetoFront> {
  const dir = experimentDir(id, workingDirectory);
  if (isManagerRunning(dir)) return (await connect()).getParetoFront();
  const viewed = await viewExperiment(dir, { noServer: true });
  try {
    return viewed.manager.paretoFront();
  } finally {
    await viewed.close();
  }
}
