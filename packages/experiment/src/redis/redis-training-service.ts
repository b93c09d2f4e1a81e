/**
 * The `redis` platform, manager side: each trial becomes a BullMQ job on the experiment's queue,
 * run by whichever `archspace worker` takes it. The manager hears of progress, ends and stalls
 * through BullMQ's queue events; the trial's metrics come back through the job's log and are
 * mirrored into the trial's folder here (see `remote-trial.ts`). The manager stays the only writer
 * of the experiment's store.
 */
import { randomBytes } from 'node:crypto';
import type { Queue, QueueEvents, QueueEventsProducer } from 'bullmq';
import type { RunningTrial, TrainingService, TrialLaunch } from '../training-service/training-service.js';
import { jobIdOf } from '../training-service/training-service.js';
import { checkRedisReachable, redisOptions, type RedisSettings } from './redis-connection.js';
import { RemoteTrial } from './remote-trial.js';

/** The `redis` platform's settings. */
export interface RedisTrainingServiceOptions extends RedisSettings {
  /** How many times a trial whose worker was lost runs again before it is FAILED (default 0). */
  readonly maxTrialRetries?: number;
}

/** Runs trials as jobs on a Redis queue (the `redis` platform). Make it with {@link RedisTrainingService.open}. */
export class RedisTrainingService implements TrainingService {
  readonly platform = 'redis';
  readonly #trials = new Map<string, RemoteTrial>();
  readonly #errors: string[] = [];

  private constructor(
    readonly options: RedisTrainingServiceOptions,
    readonly queue: Queue,
    readonly events: QueueEvents,
    readonly producer: QueueEventsProducer,
  ) {
    events.on('progress', ({ jobId }) => void this.#trials.get(jobId)?.pull());
    events.on('completed', ({ jobId, returnvalue }) => this.#trials.get(jobId)?.completed(returnvalue));
    events.on('failed', ({ jobId, failedReason }) => this.#trials.get(jobId)?.failed(failedReason));
    const onError = (error: Error) => this.#error(`Redis: ${error.message}`);
    queue.on('error', onError);
    events.on('error', onError);
    producer.on('error', onError);
  }

  /**
   * Connects to the queue: fails within 5 s with an `ArchspaceError` (`redis-unreachable`) naming the
   * server when Redis does not answer; resolves once queue events are being read.
   *
   * @example
   * ```ts
   * const service = await RedisTrainingService.open({ url: 'redis://127.0.0.1:6379', queue: 'cifar' });
   * ```
   */
  static async open(options: RedisTrainingServiceOptions): Promise<RedisTrainingService> {
    await checkRedisReachable(options);
    const connection = redisOptions(options);
    // Loaded here, not at import: BullMQ is a few hundred modules that only Redis experiments need.
    const { Queue, QueueEvents, QueueEventsProducer } = await import('bullmq');
    const queue = new Queue(options.queue, { connection });
    const events = new QueueEvents(options.queue, { connection });
    const producer = new QueueEventsProducer(options.queue, { connection });
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), producer.waitUntilReady()]);
    } catch (error) {
      await Promise.allSettled([queue.close(), events.close(), producer.close()]);
      throw error;
    }
    return new RedisTrainingService(options, queue, events, producer);
  }

  #error(message: string): void {
    if (this.#errors.length < 100) this.#errors.push(message);
  }

  /** Problems talking to Redis so far (at most 100). */
  get errors(): readonly string[] {
    return this.#errors;
  }

  #remote(jobId: string, launch: TrialLaunch): RemoteTrial {
    const trial = new RemoteTrial(jobId, launch, {
      queue: this.queue,
      producer: this.producer,
      maxRetries: this.options.maxTrialRetries ?? 0,
      onDone: (id) => this.#trials.delete(id),
      onError: (message) => this.#error(message),
    });
    this.#trials.set(jobId, trial);
    return trial;
  }

  /** A new job for the trial (enqueued on `release()`); its id is unique to this run of it. */
  launch(launch: TrialLaunch): RunningTrial {
    const jobId = `${launch.experimentId}.${launch.trialJobId}.${randomBytes(4).toString('hex')}`;
    return this.#remote(jobId, launch);
  }

  /** The trial's job again, after a manager restart; `undefined` when Redis no longer has it. */
  async reattach(launch: TrialLaunch, identity: string): Promise<RunningTrial | undefined> {
    const jobId = jobIdOf(identity);
    if ((await this.queue.getJobState(jobId)) === 'unknown') return undefined;
    const trial = this.#remote(jobId, launch);
    await trial.reattach();
    return trial;
  }

  /** Closes the connections; jobs on workers go on (a resumed manager reattaches to them). */
  async close(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.producer.close(), this.queue.close()]);
  }
}
