/**
 * Writes IDX files: the inverse of `decodeIdx`, for exporting a dataset (or a test's fixtures) in
 * MNIST's format.
 */
import { type IdxArray, idxTypeInfo } from './idx-types.js';

/**
 * The bytes of an IDX file holding `array` (uncompressed; gzip them with `node:zlib` if wanted).
 * The shape must have 1 to 255 dimensions of at most 2³² − 1 each, and match the values' count.
 *
 * @example
 * ```ts
 * writeFileSync('labels.idx', encodeIdx({ type: 'uint8', shape: [3], data: new Uint8Array([4, 0, 9]) }));
 * ```
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const { type, shape, data } = array;
  const info = idxTypeInfo(type);
  if (shape.length < 1 || shape.length > 255) throw new RangeError(`encodeIdx: an IDX file has 1 to 255 dimensions, got ${shape.length}`);
  let elements = 1;
  for (const size of shape) {
    if (!Number.isInteger(size) || size < 0 || size > 0xffff_ffff) throw new RangeError(`encodeIdx: sizes must be integers in [0, 2^32 - 1], got ${size}`);
    elements *= size;
  }
  if (elements !== data.length) throw new RangeError(`encodeIdx: shape ${shape.join('×')} holds ${elements} values, the data has ${data.length}`);
  const headerBytes = 4 + 4 * shape.length;
  const bytes = new Uint8Array(headerBytes + elements * info.bytes);
  const view = new DataView(bytes.buffer);
  bytes[2] = info.code;
  bytes[3] = shape.length;
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size));
  const set = {
    uint8: (i: number, v: number) => view.setUint8(headerBytes + i, v),
    int8: (i: number, v: number) => view.setInt8(headerBytes + i, v),
    int16: (i: number, v: number) => view.setInt16(headerBytes + 2 * i, v),
    int32: (i: number, v: number) => view.setInt32(headerBytes + 4 * i, v),
    float32: (i: number, v: number) => view.setFloat32(headerBytes + 4 * i, v),
    float64: (i: number, v: number) => view.setFloat64(headerBytes + 8 * i, v),
  }[type];
  for (let i = 0; i < elements; i++) set(i, data[i]!);
  return bytes;
}
