/**
 * Finding this machine's GPUs with `nvidia-smi` (spawned directly, no shell): their indices, and
 * which ones other processes are computing on (what `useActiveGpu: false` keeps trials away from).
 */
import { execFile } from 'node:child_process';

/** One GPU as `nvidia-smi --query-gpu` reports it. */
export interface DetectedGpu {
  readonly index: number;
  readonly uuid: string;
  /** MiB in use; `undefined` when the driver reports `[N/A]`. */
  readonly memoryUsedMiB: number | undefined;
  /** Percent busy over the last sample; `undefined` when the driver reports `[N/A]`. */
  readonly utilizationPercent: number | undefined;
}

/** What a detection found: the GPUs, and the indices of those with compute processes on them. */
export interface GpuDetection {
  readonly gpus: readonly DetectedGpu[];
  readonly active: ReadonlySet<number>;
}

/** Detects the GPUs (see {@link detectGpus}); rejects with a sentence saying what went wrong. */
export type GpuDetector = () => Promise<GpuDetection>;

/** The `--query-gpu` fields read, in order. */
export const GPU_QUERY_ARGS = ['--query-gpu=index,uuid,memory.used,utilization.gpu', '--format=csv,noheader,nounits'];
/** The query listing the GPUs that compute processes use. */
export const COMPUTE_APPS_ARGS = ['--query-compute-apps=gpu_uuid', '--format=csv,noheader'];

/** How long one `nvidia-smi` call may take. */
const NVIDIA_SMI_TIMEOUT_MS = 10_000;

function measure(field: string, line: string): number | undefined {
  if (/^\[?N\/A\]?$/i.test(field) || field === '[Not Supported]') return undefined;
  const value = Number(field);
  if (!/^\d+(\.\d+)?$/.test(field)) throw new Error(`nvidia-smi printed a line that is not "index, uuid, memory, utilization": ${JSON.stringify(line)}`);
  return value;
}

/** Reads `nvidia-smi --query-gpu=index,uuid,memory.used,utilization.gpu --format=csv,noheader,nounits` output. */
export function parseGpuQuery(text: string): DetectedGpu[] {
  const gpus: DetectedGpu[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length !== 4 || !/^\d{1,6}$/.test(fields[0]!) || fields[1] === '') {
      throw new Error(`nvidia-smi printed a line that is not "index, uuid, memory, utilization": ${JSON.stringify(line)}`);
    }
    gpus.push({ index: Number(fields[0]), uuid: fields[1]!, memoryUsedMiB: measure(fields[2]!, line), utilizationPercent: measure(fields[3]!, line) });
  }
  return gpus;
}

/** Reads `nvidia-smi --query-compute-apps=gpu_uuid --format=csv,noheader` output: the UUIDs of GPUs in use. */
export function parseComputeApps(text: string): Set<string> {
  const uuids = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const uuid = raw.split(',')[0]!.trim();
    if (uuid !== '' && !/^no running/i.test(uuid)) uuids.add(uuid);
  }
  return uuids;
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: NVIDIA_SMI_TIMEOUT_MS, maxBuffer: 1 << 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? `${command} was not found on PATH` : `${command} ${args[0]} failed: ${(stderr.trim() || error.message).slice(0, 300)}`;
      reject(new Error(why));
    });
  });
}

/**
 * Runs `nvidia-smi` (or `command`) for the GPUs and for the compute processes on them. Rejects with
 * the reason when it is missing, fails or prints something else.
 */
export async function detectGpus(command = 'nvidia-smi'): Promise<GpuDetection> {
  const gpus = parseGpuQuery(await run(command, GPU_QUERY_ARGS));
  const inUse = parseComputeApps(await run(command, COMPUTE_APPS_ARGS));
  return { gpus, active: new Set(gpus.filter((gpu) => inUse.has(gpu.uuid)).map((gpu) => gpu.index)) };
}
