import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IdxFormatError } from '../errors.js';
import { encodeIdx } from './idx-encode.js';
import { decodeIdx, readIdx } from './idx-read.js';
import { type IdxArray, type IdxType, idxTypeInfo } from './idx-types.js';

const folder = mkdtempSync(join(tmpdir(), 'archspace-idx-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Values of each type, NaN and ±0 included for the float types. */
const VALUES: Record<IdxType, fc.Arbitrary<number>> = {
  uint8: fc.integer({ min: 0, max: 255 }),
  int8: fc.integer({ min: -128, max: 127 }),
  int16: fc.integer({ min: -32768, max: 32767 }),
  int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  float32: fc.float(),
  float64: fc.double(),
};

/** Any IDX array: every type, 1–4 dimensions of 0–4. */
const idxArrays: fc.Arbitrary<IdxArray> = fc.constantFrom<IdxType>('uint8', 'int8', 'int16', 'int32', 'float32', 'float64').chain((type) =>
  fc.array(fc.nat(4), { minLength: 1, maxLength: 4 }).chain((shape) => {
    const count = shape.reduce((a, b) => a * b, 1);
    return fc.array(VALUES[type], { minLength: count, maxLength: count }).map((values) => {
      const data = idxTypeInfo(type).allocate(count);
      data.set(values);
      return { type, shape, data };
    });
  }),
);

/** The error `decode` throws; fails the test when it throws something else or nothing. */
function idxError(decode: () => unknown): IdxFormatError {
  try {
    decode();
  } catch (error) {
    if (error instanceof IdxFormatError) return error;
    throw error;
  }
  throw new Error('expected an IdxFormatError, the bytes were accepted');
}

/** A header of `type` byte and `sizes`, then `dataBytes` zero bytes. */
function file(typeByte: number, sizes: number[], dataBytes: number): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * sizes.length + dataBytes);
  const view = new DataView(bytes.buffer);
  bytes[2] = typeByte;
  bytes[3] = sizes.length;
  sizes.forEach((size, i) => view.setUint32(4 + 4 * i, size));
  return bytes;
}

describe('readIdx and decodeIdx', () => {
  it('read back what encodeIdx wrote, every type and shape, gzipped or not', () => {
    fc.assert(
      fc.property(idxArrays, fc.boolean(), (array, gzipped) => {
        const bytes = encodeIdx(array);
        const read = decodeIdx(gzipped ? gzipSync(bytes) : bytes, 'fuzz.idx');
        expect(read.type).toBe(array.type);
        expect(read.shape).toEqual(array.shape);
        expect(read.data).toBeInstanceOf(array.data.constructor);
        expect(Array.from(read.data)).toEqual(Array.from(array.data));
        expect(read.gzipped).toBe(gzipped);
        expect(read.dataOffset).toBe(4 + 4 * array.shape.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads files from disk, gzip recognised by its magic bytes rather than the name', () => {
    const array: IdxArray = { type: 'int16', shape: [2, 3], data: new Int16Array([1, -2, 300, -32768, 32767, 0]) };
    writeFileSync(join(folder, 'plain.gz'), encodeIdx(array));
    writeFileSync(join(folder, 'packed.idx'), gzipSync(encodeIdx(array)));
    for (const name of ['plain.gz', 'packed.idx']) {
      const read = readIdx(join(folder, name));
      expect([read.type, read.shape, Array.from(read.data)]).toEqual(['int16', [2, 3], [1, -2, 300, -32768, 32767, 0]]);
      expect(read.file).toBe(join(folder, name));
    }
  });

  it("copies the caller's bytes: changing them afterwards changes no decoded value", () => {
    const bytes = encodeIdx({ type: 'int8', shape: [3], data: new Int8Array([1, -1, 5]) });
    const decoded = decodeIdx(bytes, 'mine.idx');
    bytes.fill(0, 8);
    expect(Array.from(decoded.data)).toEqual([1, -1, 5]);
  });

  it('stores values big-endian, as the format says', () => {
    const bytes = encodeIdx({ type: 'int32', shape: [1], data: new Int32Array([0x01020304]) });
    expect(Array.from(bytes)).toEqual([0, 0, 0x0c, 1, 0, 0, 0, 1, 1, 2, 3, 4]);
  });

  it('names the file and the byte of every malformed header', () => {
    const cases: [string, Uint8Array, number, string, RegExp][] = [
      ['empty', new Uint8Array(0), 0, 'idx-truncated', /the file is empty/],
      ['short', new Uint8Array([0, 0, 8]), 3, 'idx-truncated', /ends inside the 4-byte IDX header/],
      ['png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 0, 'idx-magic', /starts with 0x89 0x50, an IDX file with 0x00 0x00/],
      ['magic', new Uint8Array([0, 1, 8, 1, 0, 0, 0, 0]), 1, 'idx-magic', /not an IDX file/],
      ['type', file(0x0a, [1], 1), 2, 'idx-type', /unknown data type 0x0a, expected one of 0x08 \(uint8\), 0x09 \(int8\), 0x0b \(int16\)/],
      ['rank', file(0x08, [], 0), 3, 'idx-rank', /0 dimensions declared, an IDX file has at least 1/],
      ['header', file(0x08, [5, 5, 5], 0).subarray(0, 10), 10, 'idx-truncated', /3 dimensions declared, whose sizes take bytes 4 to 15, but the file ends at byte 10/],
    ];
    for (const [name, bytes, offset, code, message] of cases) {
      const error = idxError(() => decodeIdx(bytes, `${name}.idx`));
      expect([error.file, error.offset, error.code]).toEqual([`${name}.idx`, offset, code]);
      expect(error.message).toMatch(new RegExp(`^${name}\\.idx: byte ${offset}: `));
      expect(error.message).toMatch(message);
    }
  });

  it('refuses values cut short or followed by more bytes, saying how many were declared and found', () => {
    const short = idxError(() => decodeIdx(file(0x08, [1000, 47, 1000], 1000), 'images.idx'));
    expect(short.message).toBe('images.idx: byte 16: 47,000,000 bytes of data declared (1000×47×1000 uint8), 1,000 present');
    const long = idxError(() => decodeIdx(file(0x0c, [2], 11), 'labels.idx'));
    expect([long.offset, long.code]).toEqual([16, 'idx-trailing']);
    expect(long.message).toBe('labels.idx: byte 16: 8 bytes of data declared (2 int32), but 3 bytes follow them');
  });

  it('refuses a declared size above the limit before allocating it, gzipped or not', () => {
    const huge = file(0x0e, [0xffffffff, 0xffffffff, 0xffffffff], 0);
    for (const bytes of [huge, gzipSync(huge)]) {
      const error = idxError(() => decodeIdx(bytes, 'huge.idx'));
      expect([error.offset, error.code]).toEqual([4, 'idx-too-large']);
      expect(error.message).toMatch(/declare more than 2\^53 bytes of float64 data, more than the limit of 1,073,741,824 \(option maxBytes\)/);
    }
    const error = idxError(() => decodeIdx(file(0x0d, [30], 120), 'floats.idx', { maxBytes: 100 }));
    expect(error.message).toBe('floats.idx: byte 4: sizes 30 declare 120 bytes of float32 data, more than the limit of 100 (option maxBytes)');
    expect(decodeIdx(file(0x0d, [25], 100), 'floats.idx', { maxBytes: 100 }).shape).toEqual([25]);
  });

  it('gives offsets of the decompressed bytes for gzipped files, and refuses gzip that does not decompress', () => {
    const values = encodeIdx({ type: 'uint8', shape: [4000], data: new Uint8Array(4000).map((_, i) => (i * 7919) % 251) });
    const packed = gzipSync(values);
    const cut = packed.subarray(0, packed.length >> 1);
    const truncated = idxError(() => decodeIdx(cut, 'cut.gz'));
    expect([truncated.offset, truncated.code]).toEqual([8, 'idx-truncated']);
    expect(truncated.message).toMatch(/^cut\.gz: byte 8 \(after gunzip\): 4,000 bytes of data declared \(4000 uint8\), [\d,]+ present, the gzip stream ends early$/);
    const longer = idxError(() => decodeIdx(gzipSync(new Uint8Array([...values, 1, 2])), 'long.gz'));
    expect(longer.message).toBe('long.gz: byte 4,008 (after gunzip): 4,000 bytes of data declared (4000 uint8), but more bytes follow them');
    const garbage = idxError(() => decodeIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]), 'garbage.gz'));
    expect([garbage.offset, garbage.code]).toEqual([0, 'idx-gzip']);
    expect(garbage.message).toMatch(/^garbage\.gz: byte 0: starts like gzip \(0x1f 0x8b\) but does not decompress: /);
    const notIdx = idxError(() => decodeIdx(gzipSync(new TextEncoder().encode('hello, world')), 'text.gz'));
    expect(notIdx.message).toBe('text.gz: byte 0 (after gunzip): not an IDX file: it starts with 0x68 0x65, an IDX file with 0x00 0x00 (a gzipped one with 0x1f 0x8b)');
  });

  it('finds the header of a gzip stream however well it compresses', () => {
    // A long run of zeros compresses about 1000:1, so the first compressed kilobyte holds megabytes.
    const zeros = decodeIdx(gzipSync(file(0x08, [4, 1024, 1024], 4 * 1024 * 1024)), 'zeros.gz');
    expect(zeros.shape).toEqual([4, 1024, 1024]);
    expect(zeros.data.every((v) => v === 0)).toBe(true);
  });

  it('cut anywhere or followed by anything, a file is refused with an IdxFormatError, never accepted or crashing', () => {
    fc.assert(
      fc.property(idxArrays, fc.boolean(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), (array, gzipped, at, extra) => {
        const bytes = encodeIdx(array);
        const cut = bytes.subarray(0, at % bytes.length);
        const longer = new Uint8Array([...bytes, ...extra]);
        for (const broken of [cut, longer]) {
          const error = idxError(() => decodeIdx(gzipped ? gzipSync(broken) : broken, 'broken.idx'));
          expect(error.message.startsWith(`broken.idx: byte ${error.offset.toLocaleString('en-US')}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes, gzipped or not, are decoded or refused with an IdxFormatError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), fc.boolean(), (random, asIdx, gzipped) => {
        // Half the time the bytes start like an IDX file, so that the header's checks are reached.
        const bytes = asIdx ? new Uint8Array([0, 0, ...random]) : random;
        try {
          decodeIdx(gzipped ? gzipSync(bytes) : bytes, 'random.idx');
        } catch (error) {
          expect(error).toBeInstanceOf(IdxFormatError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names a file it cannot read, and refuses a file far larger than the limit before reading it', () => {
    const missing = idxError(() => readIdx(join(folder, 'nowhere.idx')));
    expect(missing.code).toBe('idx-unreadable');
    expect(missing.message).toMatch(/nowhere\.idx: cannot be read: ENOENT/);
    writeFileSync(join(folder, 'big.idx'), file(0x08, [200_000], 200_000));
    const big = idxError(() => readIdx(join(folder, 'big.idx'), { maxBytes: 1000 }));
    expect([big.offset, big.code]).toEqual([0, 'idx-too-large']);
    expect(big.message).toMatch(/big\.idx: byte 0: the file has 200,008 bytes, more than the limit of 1,000 bytes of data/);
    expect(() => readIdx(join(folder, 'big.idx'), { maxBytes: -1 })).toThrow(/maxBytes must be a non-negative integer, got -1/);
  });

  it('encodeIdx refuses a shape that does not fit the values or the format', () => {
    expect(() => encodeIdx({ type: 'uint8', shape: [3], data: new Uint8Array(2) })).toThrow(/shape 3 holds 3 values, the data has 2/);
    expect(() => encodeIdx({ type: 'uint8', shape: [], data: new Uint8Array(1) })).toThrow(/1 to 255 dimensions/);
    expect(() => encodeIdx({ type: 'uint8', shape: [2 ** 32], data: new Uint8Array(0) })).toThrow(/sizes must be integers/);
  });
});
