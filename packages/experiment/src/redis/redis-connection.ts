/**
 * Reaching the Redis server that carries trials between the manager and its workers: the connection
 * options BullMQ gets, a check that fails fast (within a deadline) with an error naming the server,
 * and the queue name's rules. Passwords never appear in messages.
 */
import { ArchspaceError } from '@archspace/ir';
import type { RedisOptions } from 'bullmq';

/** Where the Redis server is and how to log in; the options Redis clients take. */
export interface RedisSettings {
  /** `redis://[user[:password]@]host[:port][/db]` or `rediss://…` (TLS). */
  readonly url: string;
  /** The trial queue's name: letters, digits, `_`, `-` and `.`. */
  readonly queue: string;
  /** Overrides the URL's password. */
  readonly password?: string;
  /** Overrides the URL's user name. */
  readonly username?: string;
  /** `true` for TLS with the system's certificate authorities, or Node's TLS options. */
  readonly tls?: boolean | { readonly rejectUnauthorized?: boolean; readonly ca?: string; readonly servername?: string };
}

/** How long the first connection may take before it is an error. */
export const REDIS_CONNECT_DEADLINE_MS = 5000;

const QUEUE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** `url` without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** Checks a queue name; throws an `ArchspaceError` naming what is allowed. */
export function checkQueueName(queue: unknown, path: readonly (string | number)[] = ['queue']): string {
  if (typeof queue !== 'string' || !QUEUE_NAME.test(queue)) {
    throw new ArchspaceError({ code: 'invalid-queue', path: [...path], expected: 'a queue name of 1 to 100 letters, digits, "_", "-" or "."', received: queue });
  }
  return queue;
}

/** Whether `url` is a `redis://` or `rediss://` URL. */
export function isRedisUrl(url: unknown): url is string {
  try {
    const { protocol } = new URL(url as string);
    return typeof url === 'string' && (protocol === 'redis:' || protocol === 'rediss:');
  } catch {
    return false;
  }
}

/** Checks a Redis URL's form; throws an `ArchspaceError` naming what is allowed. */
export function checkRedisUrl(url: unknown, path: readonly (string | number)[] = ['url']): string {
  if (!isRedisUrl(url)) {
    throw new ArchspaceError({ code: 'invalid-redis-url', path: [...path], expected: 'a URL redis://[user[:password]@]host[:port][/db] or rediss://… (TLS)', received: typeof url === 'string' ? redactedUrl(url) : url });
  }
  return url as string;
}

/** The ioredis options for `settings` (what BullMQ's queues, workers and event readers connect with). */
export function redisOptions(settings: RedisSettings): RedisOptions & { url: string } {
  const tls = settings.tls === true || (settings.tls === undefined && settings.url.startsWith('rediss:')) ? {} : settings.tls === false ? undefined : settings.tls;
  return {
    url: settings.url,
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(tls !== undefined ? { tls: { ...tls } } : {}),
    // BullMQ's blocking connections need this; commands wait for a reconnect instead of failing.
    maxRetriesPerRequest: null,
  };
}

/**
 * Connects once to check that the server answers, within {@link REDIS_CONNECT_DEADLINE_MS}; throws an
 * `ArchspaceError` (`redis-unreachable`) naming the server (password hidden), the queue and the cause.
 */
export async function checkRedisReachable(settings: RedisSettings, deadlineMs = REDIS_CONNECT_DEADLINE_MS): Promise<void> {
  const { url, ...options } = redisOptions(settings);
  let lastError = 'no answer';
  const { Redis } = await import('ioredis');
  const probe = new Redis(url, { ...options, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: deadlineMs, retryStrategy: () => null });
  probe.on('error', (error: Error) => {
    lastError = error.message;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs / 1000} s`)), deadlineMs);
    });
    await Promise.race([probe.connect().then(() => probe.ping()), deadline]);
  } catch (error) {
    const cause = error instanceof Error && error.message !== 'Connection is closed.' ? error.message : lastError;
    throw new ArchspaceError({ code: 'redis-unreachable', message: `cannot reach Redis at ${redactedUrl(url)} (queue "${settings.queue}"): ${cause}` });
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}
