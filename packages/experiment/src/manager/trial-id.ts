/** Trial ids in the reference's style: five random letters and digits, unique in the experiment. */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new id not in `taken`. */
export function newTrialId(taken: (id: string) => boolean): string {
  for (;;) {
    const bytes = randomBytes(5);
    let id = '';
    for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
    if (!taken(id)) return id;
  }
}

/** A new experiment id: eight random letters and digits. */
export function newExperimentId(): string {
  let id = '';
  for (const byte of randomBytes(8)) id += ALPHABET[byte % 36]!.toLowerCase();
  return id;
}
