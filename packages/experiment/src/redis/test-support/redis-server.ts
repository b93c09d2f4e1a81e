/**
 * A private Redis server for tests: Debian's `redis-server` on a free loopback port, with nothing
 * written to disk, stopped when the test is done. `npm test`'s set-up installs the package when it
 * is missing and runs as root; otherwise a test that needs Redis fails, saying how to install it,
 * rather than passing without it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running test Redis server. */
export interface TestRedisServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/** Where `redis-server` is: `$ARCHSPACE_REDIS_SERVER`, else Debian's `/usr/bin/redis-server`, else the PATH's. */
export function redisServerExecutable(): string {
  const named = process.env['ARCHSPACE_REDIS_SERVER'];
  if (named !== undefined && named !== '') {
    if (!existsSync(named)) throw new Error(`ARCHSPACE_REDIS_SERVER names ${named}, which does not exist`);
    return named;
  }
  if (existsSync('/usr/bin/redis-server')) return '/usr/bin/redis-server';
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status === 0 && path !== '') return path;
  throw new Error(
    'the distributed-trial tests need redis-server and none is installed: run the tests as root on Debian (`npm test` installs the `redis-server` package then), or `apt-get install redis-server`, or set ARCHSPACE_REDIS_SERVER to a redis-server executable',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startOn(executable: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(executable, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`)));
  });
}

/** Starts a private Redis server on a free loopback port (retrying when another process takes the port first). */
export async function startTestRedis(): Promise<TestRedisServer> {
  const executable = redisServerExecutable();
  const dir = mkdtempSync(join(tmpdir(), 'archspace-redis-'));
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      const child = await startOn(executable, port, dir);
      child.removeAllListeners('exit');
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        process: child,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            const gone = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGKILL');
            await gone;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}
