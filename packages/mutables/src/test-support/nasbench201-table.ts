/**
 * The NAS-Bench-201 table (`nb201.csv`, in `../shared/data` beside the repository root) as tests
 * read it: one row per architecture with its CIFAR-10 parameter and FLOP counts. Test-only.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Where the table lives. */
export const NASBENCH201_TABLE = new URL('../../../../../shared/data/nasbench201/nb201.csv', import.meta.url);

/** Whether the table is present (tests that need it are skipped otherwise). */
export const haveNasBench201Table = existsSync(NASBENCH201_TABLE);

/** One architecture of the table. */
export interface NasBench201Row {
  readonly index: number;
  readonly arch: string;
  /** `params_c10_M`: millions of parameters of the CIFAR-10 network. */
  readonly params: number;
  /** `flops_c10_M`: millions of FLOPs of the CIFAR-10 network. */
  readonly flops: number;
  /** `iso_id`: the smallest index of the architectures the benchmark counts as isomorphic to this one. */
  readonly isoId: number;
}

/** Every row of the table, in file order. */
export function readNasBench201Table(): NasBench201Row[] {
  const [header, ...lines] = readFileSync(NASBENCH201_TABLE, 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  const [index, arch, params, flops, isoId] = [at('index'), at('arch'), at('params_c10_M'), at('flops_c10_M'), at('iso_id')];
  return lines.map((line) => {
    const cells = line.split(',');
    return { index: Number(cells[index]), arch: cells[arch]!, params: Number(cells[params]), flops: Number(cells[flops]), isoId: Number(cells[isoId]) };
  });
}
