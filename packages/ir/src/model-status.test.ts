import { describe, expect, it } from 'vitest';
import { ModelStatusError } from './errors.js';
import { allowedTransitions, assertTransition, isModelStatus, ModelStatus, type ModelStatus as Status } from './model-status.js';

const ALL = Object.values(ModelStatus);
const LEGAL = new Set(['mutating>frozen', 'frozen>training', 'training>trained', 'training>failed']);

describe('ModelStatus', () => {
  it('uses the reference’s strings', () => {
    expect(ALL).toEqual(['mutating', 'frozen', 'training', 'trained', 'failed']);
    expect(isModelStatus('frozen')).toBe(true);
    expect(isModelStatus('Frozen')).toBe(false);
    expect(isModelStatus('toString')).toBe(false);
  });

  it('allows exactly the forward lifecycle moves', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        const legal = LEGAL.has(`${from}>${to}`);
        expect(allowedTransitions(from).includes(to)).toBe(legal);
        if (legal) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(ModelStatusError);
      }
    }
  });

  it('names both statuses and the allowed moves when refusing', () => {
    try {
      assertTransition('mutating', 'trained');
      expect.unreachable();
    } catch (error) {
      const e = error as ModelStatusError;
      expect(e.code).toBe('illegal-status-transition');
      expect(e.message).toContain('"mutating"');
      expect(e.message).toContain('"trained"');
      expect(e.message).toContain('"frozen"');
      expect(e.received).toBe('trained');
    }
    expect(() => assertTransition('trained', 'failed')).toThrow(/"trained" is final/);
    expect(() => assertTransition('frozen', 'mutating')).toThrow(/fork\(\)/);
    expect(() => assertTransition('frozen', 'bogus' as Status)).toThrow(/one of/);
  });
});
