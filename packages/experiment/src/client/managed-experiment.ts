/**
 * The client's lifecycle methods with the seed's names: `startExperiment`, `resumeExperiment` and
 * `viewExperiment` open the experiment in this process (manager, SQLite store, REST server) and hand
 * back an `Experiment` client connected to it; `connectExperiment` attaches to one running elsewhere.
 */
import type { ExperimentConfig } from '../config/experiment-config.js';
import { experimentDir, type LaunchedExperiment, type LaunchOptions, resumeExperiment, startExperiment, viewExperiment } from '../launch/launch-experiment.js';
import { Experiment, type ExperimentClientOptions } from './experiment.js';

/** An `Experiment` client for an experiment this process runs; `launched` has `done` and `close()`. */
export class ManagedExperiment extends Experiment {
  #launched: LaunchedExperiment | undefined;

  /** The experiment this process runs (manager, store, server). */
  get launched(): LaunchedExperiment {
    if (!this.#launched) throw new Error('this client is not attached to an experiment run by this process');
    return this.#launched;
  }

  static async #attach(launched: LaunchedExperiment): Promise<ManagedExperiment> {
    if (!launched.server) throw new Error('the experiment was opened without a REST server (noServer)');
    const client = await ManagedExperiment.connect(launched.server.url, { token: launched.token });
    client.#launched = launched;
    return client;
  }

  /**
   * Creates and runs an experiment from a config (file text, object or canonical config), serving
   * its REST API; the returned client is connected to it.
   *
   * @example
   * ```ts
   * const exp = await ManagedExperiment.startExperiment(loadExperimentConfig('config.yml'), { port: 8080 });
   * console.log(await exp.launched.done, await exp.exportData());
   * await exp.launched.close();
   * ```
   */
  static async startExperiment(config: ExperimentConfig | string | object, options: LaunchOptions & { id?: string } = {}): Promise<ManagedExperiment> {
    const launched = await startExperiment(config, options);
    return ManagedExperiment.#attach(launched);
  }

  /** Resumes experiment `id` of `workingDirectory` (default `~/archspace-experiments`). */
  static async resumeExperiment(id: string, workingDirectory: string, options: LaunchOptions = {}): Promise<ManagedExperiment> {
    const launched = await resumeExperiment(experimentDir(id, workingDirectory), options);
    return ManagedExperiment.#attach(launched);
  }

  /** Opens experiment `id` read-only and serves it. */
  static async viewExperiment(id: string, workingDirectory: string, options: LaunchOptions = {}): Promise<ManagedExperiment> {
    const launched = await viewExperiment(experimentDir(id, workingDirectory), options);
    return ManagedExperiment.#attach(launched);
  }

  /** Connects to an experiment running in another process (the seed's `connect`). */
  static async connectExperiment(endpoint: string | number, options: ExperimentClientOptions = {}): Promise<Experiment> {
    return Experiment.connect(endpoint, options);
  }
}
