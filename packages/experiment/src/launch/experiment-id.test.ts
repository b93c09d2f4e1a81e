import { basename, dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { ArchspaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { errorThrownBy } from '../config/test-support/error-thrown-by.js';
import { newExperimentId } from '../manager/trial-id.js';
import { checkExperimentId } from './experiment-id.js';

const refusal = (id: unknown): ArchspaceError => errorThrownBy(() => checkExperimentId(id), ArchspaceError);

const base = resolve('/srv/experiments');

/** Characters path tricks are made of, mixed with ordinary ones. */
const trickyChar = fc.constantFrom('.', '/', '\\', '\0', ':', '~', ' ', '\n', '%', 'a', 'Z', '0', '_', '-', 'é', '\u202e');

describe('checkExperimentId', () => {
  it('accepts ids of letters, digits, "_" and "-", 1 to 64 of them, and the ids archspace makes', () => {
    for (const id of ['a', 'k3x9q2ab', 'mnist-lr_01', 'A'.repeat(64), newExperimentId()]) expect(checkExperimentId(id)).toBe(id);
  });

  it('refuses path segments and separators, with code invalid-experiment-id at path ["id"]', () => {
    for (const id of ['', '.', '..', '../escaped', 'a/b', 'a\\b', '/abs', 'a\0b', 'a.b', ' a', 'é', 'A'.repeat(65)]) {
      const error = refusal(id);
      expect([error.code, error.path]).toEqual(['invalid-experiment-id', ['id']]);
      expect(error.message).toContain('letters');
    }
  });

  it('refuses what is not a string', () => {
    for (const id of [undefined, null, 42, ['a'], { id: 'a' }]) expect(refusal(id).code).toBe('invalid-experiment-id');
  });

  it('quotes a long id shortened, and keeps it whole in received', () => {
    const id = '../'.repeat(10_000);
    const error = refusal(id);
    expect(error.message.length).toBeLessThan(300);
    expect(error.received).toBe(id);
  });
});

describe('every accepted id names a folder directly inside the working directory', () => {
  it('for ids made of tricky characters, and for any string', () => {
    let accepted = 0;
    const inside = (id: string) => {
      let checked: string;
      try {
        checked = checkExperimentId(id);
      } catch (error) {
        expect((error as ArchspaceError).code).toBe('invalid-experiment-id');
        return;
      }
      accepted++;
      const dir = join(base, checked);
      expect(dirname(dir)).toBe(base);
      expect(basename(dir)).toBe(id);
    };
    fc.assert(fc.property(fc.string({ unit: trickyChar, maxLength: 70 }), inside), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), inside), { numRuns: 1000 });
    // Tricky strings are mostly refused; valid ids make sure the folder check itself runs many times.
    const acceptedTricky = accepted;
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (id) => {
        expect(checkExperimentId(id)).toBe(id);
        inside(id);
      }),
      { numRuns: 200 },
    );
    expect(accepted - acceptedTricky).toBe(200);
    expect(acceptedTricky).toBeGreaterThan(0);
  });
});
