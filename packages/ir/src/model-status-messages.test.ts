import { describe, expect, it } from 'vitest';
import { ModelStatusError } from './errors.js';
import { assertTransition, isModelStatus, type ModelStatus } from './model-status.js';

function refusal(from: ModelStatus, to: ModelStatus): ModelStatusError {
  try {
    assertTransition(from, to);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelStatusError);
    return error as ModelStatusError;
  }
  throw new Error(`expected ${from} -> ${to} to be refused`);
}

describe('isModelStatus', () => {
  it('accepts only the status strings themselves, not values that convert to them', () => {
    expect(isModelStatus(['mutating'])).toBe(false);
    expect(isModelStatus({ toString: () => 'frozen' })).toBe(false);
    expect(isModelStatus(undefined)).toBe(false);
    expect(isModelStatus('trained')).toBe(true);
  });
});

describe('assertTransition refusals', () => {
  it('an unknown status: code, path and the list of statuses', () => {
    const e = refusal('mutating', 'done' as ModelStatus);
    expect(e.code).toBe('unknown-status');
    expect(e.path).toEqual(['status']);
    expect(e.expected).toBe('one of "mutating", "frozen", "training", "trained", "failed"');
    expect(e.received).toBe('done');
  });

  it('a move that is not allowed: the allowed moves are the expectation', () => {
    const e = refusal('training', 'frozen');
    expect(e.code).toBe('illegal-status-transition');
    expect(e.path).toEqual(['status']);
    expect(e.expected).toBe('"trained" or "failed"');
    expect(e.message).toBe('cannot move a model from "training" to "frozen": from "training" it may only move to "trained" or "failed" (at "status")');
  });

  it('a final status allows nothing', () => {
    const e = refusal('failed', 'training');
    expect(e.expected).toBe('no further transition');
    expect(e.message).toBe('cannot move a model from "failed" to "training": "failed" is final (at "status")');
  });

  it('suggests fork() only for a move back to mutating', () => {
    expect(refusal('trained', 'mutating').message).toContain('; fork() it to mutate a copy');
    expect(refusal('mutating', 'mutating').message).not.toContain('fork()');
    expect(refusal('mutating', 'training').message).not.toContain('fork()');
    expect(refusal('trained', 'frozen').message).not.toContain('fork()');
  });
});
