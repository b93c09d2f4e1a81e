/** The error for an architecture a benchmark table does not hold. */
import { ArchspaceError } from '@archspace/ir';

/** The architecture is not in the benchmark's table. */
export class NotInBenchmarkError extends ArchspaceError {}
