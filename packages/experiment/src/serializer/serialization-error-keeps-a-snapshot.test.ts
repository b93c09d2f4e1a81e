import { describe, expect, it } from 'vitest';
import { SerializationError, excerpt } from './serialization-error.js';

describe('SerializationError keeps a snapshot of its details', () => {
  it('copies the path, so that the walk reusing its array cannot change it', () => {
    const path: (string | number)[] = ['a', 0];
    const error = new SerializationError({ code: 'too-deep', path });
    path.push('b');
    path[0] = 'z';
    expect(error.path).toEqual(['a', 0]);
    expect(error.message).toContain('"a[0]"');
  });

  it('has an empty path when given none', () => {
    expect(new SerializationError({ code: 'invalid-json' }).path).toEqual([]);
  });

  it('keeps a received string of up to 200 characters whole, and the start and length of a longer one', () => {
    const fits = 'x'.repeat(200);
    expect(excerpt(fits)).toBe(fits);
    expect(new SerializationError({ code: 'malformed-tag', received: fits }).received).toBe(fits);
    const long = 'y'.repeat(201);
    const cut = `${'y'.repeat(200)}... (201 characters)`;
    expect(excerpt(long)).toBe(cut);
    expect(new SerializationError({ code: 'malformed-tag', received: long }).received).toBe(cut);
    expect(new SerializationError({ code: 'malformed-tag', received: 7 }).received).toBe(7);
  });

  it('holds its cause as a native Error does: writable, configurable, not enumerable', () => {
    const cause = new RangeError('inner');
    const error = new SerializationError({ code: 'unsupported-value' }, { cause });
    expect(Object.getOwnPropertyDescriptor(error, 'cause')).toEqual(Object.getOwnPropertyDescriptor(new Error('x', { cause }), 'cause'));
    expect(Object.getOwnPropertyDescriptor(error, 'cause')).toEqual({ value: cause, writable: true, configurable: true, enumerable: false });
    expect(Object.keys(error)).not.toContain('cause');
    expect('cause' in new SerializationError({ code: 'unsupported-value' })).toBe(false);
  });
});
