/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type byte, a dimension
 * count, one big-endian uint32 size per dimension, then the values, big-endian, row-major. A file
 * that starts with gzip's magic bytes (0x1f 0x8b) is decompressed first. Sizes come from the file,
 * so they are checked against a limit before anything is allocated, and the values must fill the
 * rest of the file exactly; every problem is an `IdxFormatError` naming the file and the byte.
 */
import { readFileSync, statSync } from 'node:fs';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { IdxFormatError } from '../errors.js';
import { IDX_TYPE_CODES, type IdxArray, type IdxData, type IdxType, type IdxTypeInfo, hexByte } from './idx-types.js';

/** The most bytes of values a file may declare unless `maxBytes` says otherwise: 1 GiB. */
export const DEFAULT_IDX_MAX_BYTES = 2 ** 30;

/** Options of {@link readIdx} and {@link decodeIdx}. */
export interface IdxReadOptions {
  /** The most bytes of values the file may declare (default {@link DEFAULT_IDX_MAX_BYTES}). */
  readonly maxBytes?: number;
}

/** A decoded IDX file: its values, and where they came from (for error messages about them). */
export interface IdxFile<T extends IdxType = IdxType> extends IdxArray<T> {
  /** The path read, or the name given to the bytes. */
  readonly file: string;
  /** Whether the file was gzipped (byte offsets are then those of the decompressed bytes). */
  readonly gzipped: boolean;
  /** The offset of the first value: 4 + 4 × the number of dimensions. */
  readonly dataOffset: number;
}

/** Where the bytes being decoded come from. */
interface Source {
  readonly file: string;
  readonly gzipped: boolean;
  readonly maxBytes: number;
}

/** What an IDX header declares. */
interface IdxHeader {
  readonly info: IdxTypeInfo;
  readonly shape: number[];
  readonly dataOffset: number;
  readonly elements: number;
  readonly dataBytes: number;
}

/** The largest header: 255 dimensions. */
const MAX_HEADER_BYTES = 4 + 4 * 255;

const TYPES_ALLOWED = [...IDX_TYPE_CODES.values()].map(({ code, type }) => `${hexByte(code)} (${type})`).join(', ');

/** `47040000` as `47,040,000`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Throws an {@link IdxFormatError} whose message starts with `file: byte offset:` (`(after gunzip)`
 * when the offset is one of decompressed bytes).
 */
export function failIdx(source: { readonly file: string; readonly gzipped: boolean }, offset: number, code: string, what: string, expected: string, received: unknown): never {
  const at = source.gzipped ? `byte ${formatCount(offset)} (after gunzip)` : `byte ${formatCount(offset)}`;
  throw new IdxFormatError({ code, file: source.file, offset, message: `${source.file}: ${at}: ${what}`, expected, received });
}

/** Checks and returns the header at the start of `bytes` (which may hold only part of the values). */
function readHeader(bytes: Uint8Array, source: Source): IdxHeader {
  const header = 'an IDX header: 0x00 0x00, a type byte, a dimension count';
  if (bytes.length === 0) failIdx(source, 0, 'idx-truncated', 'the file is empty, an IDX file starts with a 4-byte header', header, 0);
  if (bytes.length < 4) {
    failIdx(
      source,
      bytes.length,
      'idx-truncated',
      `the file ends inside the 4-byte IDX header (${bytes.length} bytes present)`,
      header,
      bytes.length,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const found = `${hexByte(bytes[0]!)} ${hexByte(bytes[1]!)}`;
    failIdx(
      source,
      bytes[0] !== 0 ? 0 : 1,
      'idx-magic',
      `not an IDX file: it starts with ${found}, an IDX file with 0x00 0x00 (a gzipped one with 0x1f 0x8b)`,
      header,
      found,
    );
  }
  const info = IDX_TYPE_CODES.get(bytes[2]!);
  if (!info) failIdx(source, 2, 'idx-type', `unknown data type ${hexByte(bytes[2]!)}, expected one of ${TYPES_ALLOWED}`, TYPES_ALLOWED, hexByte(bytes[2]!));
  const rank = bytes[3]!;
  if (rank === 0) failIdx(source, 3, 'idx-rank', '0 dimensions declared, an IDX file has at least 1', 'a dimension count of 1 to 255', 0);
  const dataOffset = 4 + 4 * rank;
  if (bytes.length < dataOffset) {
    failIdx(
      source,
      bytes.length,
      'idx-truncated',
      `${rank} dimensions declared, whose sizes take bytes 4 to ${dataOffset - 1}, but the file ends at byte ${bytes.length}`,
      `${dataOffset} header bytes`,
      bytes.length,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let elements = 1;
  for (let i = 0; i < rank; i++) {
    const size = view.getUint32(4 + 4 * i);
    shape.push(size);
    // Capped so that a product of many large sizes stays a finite number (it only meets the limit).
    elements = Math.min(elements * size, Number.MAX_SAFE_INTEGER);
  }
  const dataBytes = Math.min(elements * info.bytes, Number.MAX_SAFE_INTEGER);
  if (dataBytes > source.maxBytes) {
    const declared = dataBytes === Number.MAX_SAFE_INTEGER ? 'more than 2^53' : formatCount(dataBytes);
    failIdx(
      source,
      4,
      'idx-too-large',
      `sizes ${shape.join('×')} declare ${declared} bytes of ${info.type} data, more than the limit of ${formatCount(source.maxBytes)} (option maxBytes)`,
      `at most ${source.maxBytes} bytes of data`,
      declared,
    );
  }
  return { info, shape, dataOffset, elements, dataBytes };
}

/**
 * The values after `header`, which must fill the rest of `bytes` exactly. Bytes this module owns
 * (read from disk or decompressed) and that fill their whole buffer give their one-byte values as a
 * view, without a copy; a caller's bytes are copied, so that changing them later changes nothing.
 */
function readValues(bytes: Uint8Array, header: IdxHeader, source: Source, streamEndsEarly: boolean, owned: boolean): IdxData {
  const { info, dataOffset, dataBytes, elements } = header;
  const present = bytes.length - dataOffset;
  const declared = `${formatCount(dataBytes)} bytes of data declared (${header.shape.join('×')} ${info.type})`;
  if (present < dataBytes) {
    const why = streamEndsEarly ? ', the gzip stream ends early' : '';
    failIdx(source, dataOffset, 'idx-truncated', `${declared}, ${formatCount(present)} present${why}`, `${dataBytes} bytes of data`, present);
  }
  if (present > dataBytes) {
    failIdx(
      source,
      dataOffset + dataBytes,
      'idx-trailing',
      `${declared}, but ${present > dataBytes + 1 || !source.gzipped ? formatCount(present - dataBytes) : 'more'} bytes follow them`,
      `${dataBytes} bytes of data`,
      present,
    );
  }
  if (info.bytes === 1 && owned && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return info.type === 'int8' ? new Int8Array(bytes.buffer, dataOffset, elements) : new Uint8Array(bytes.buffer, dataOffset, elements);
  }
  const values = info.allocate(elements);
  if (info.bytes === 1) {
    values.set(info.type === 'int8' ? new Int8Array(bytes.buffer, bytes.byteOffset + dataOffset, elements) : bytes.subarray(dataOffset));
    return values;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataOffset, dataBytes);
  const get = {
    int16: (i: number) => view.getInt16(2 * i),
    int32: (i: number) => view.getInt32(4 * i),
    float32: (i: number) => view.getFloat32(4 * i),
    float64: (i: number) => view.getFloat64(8 * i),
  }[info.type as 'int16' | 'int32' | 'float32' | 'float64'];
  for (let i = 0; i < elements; i++) values[i] = get(i);
  return values;
}

/** A zlib error's code (`Z_DATA_ERROR`, `ERR_BUFFER_TOO_LARGE`…). */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** The most decompressed bytes looked at to find a gzipped file's header. */
const HEADER_SEARCH_BYTES = 65_536;

/**
 * Decompresses as much of `bytes` (a prefix of a gzip stream) as it can, or `undefined` when that is
 * more than {@link HEADER_SEARCH_BYTES}.
 */
function gunzipPrefix(bytes: Uint8Array, source: Source): Uint8Array | undefined {
  try {
    return gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: HEADER_SEARCH_BYTES });
  } catch (error) {
    if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') return undefined;
    return failGzip(error, source);
  }
}

/**
 * The first decompressed bytes of a gzip stream, enough to hold the IDX header (or all of them when
 * the stream is shorter), never more than {@link HEADER_SEARCH_BYTES}: the prefix of the stream is
 * grown while it yields too little and halved back while it yields too much.
 */
function gunzipHeaderBytes(bytes: Uint8Array, source: Source): Uint8Array {
  const holdsHeader = (out: Uint8Array) => out.length >= 4 && out.length >= 4 + 4 * out[3]!;
  let tooFew = 0;
  let tooMany = Infinity;
  let length = Math.min(1024, bytes.length);
  for (;;) {
    const out = gunzipPrefix(bytes.subarray(0, length), source);
    if (out && (holdsHeader(out) || length === bytes.length)) return out;
    if (out) tooFew = length;
    else tooMany = length;
    // One more compressed byte adds far fewer than HEADER_SEARCH_BYTES, so the two never meet.
    length = tooMany === Infinity ? Math.min(4 * length, bytes.length) : Math.floor((tooFew + tooMany) / 2);
  }
}

function failGzip(error: unknown, source: Source): never {
  const said = error instanceof Error ? error.message : String(error);
  return failIdx(
    { file: source.file, gzipped: false },
    0,
    'idx-gzip',
    `starts like gzip (0x1f 0x8b) but does not decompress: ${said}`,
    'a gzip stream of an IDX file',
    said,
  );
}

/**
 * Decompresses a gzipped IDX file with a bound: the header first (from a prefix of the stream), then
 * the whole stream, allowed one byte more than the header declares so that extra bytes show.
 */
function gunzipIdx(bytes: Uint8Array, source: Source): { bytes: Uint8Array; header: IdxHeader; endsEarly: boolean } {
  const header = readHeader(gunzipHeaderBytes(bytes, source), source);
  const bound = header.dataOffset + header.dataBytes + 1;
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: bound }), header, endsEarly: false };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ERR_BUFFER_TOO_LARGE') return { bytes: new Uint8Array(bound), header, endsEarly: false };
    if (code === 'Z_BUF_ERROR') return { bytes: gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: bound }), header, endsEarly: true };
    return failGzip(error, source);
  }
}

function checkedMaxBytes(maxBytes: number | undefined): number {
  const value = maxBytes ?? DEFAULT_IDX_MAX_BYTES;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`IDX maxBytes must be a non-negative integer, got ${String(value)}`);
  return value;
}

/**
 * Decodes the bytes of an IDX file, gzipped or not; `file` names them in error messages.
 *
 * @example
 * ```ts
 * const { type, shape, data } = decodeIdx(new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 9]), 'two.idx');
 * // 'uint8', [2], Uint8Array [7, 9]
 * ```
 */
export function decodeIdx(bytes: Uint8Array, file: string, options: IdxReadOptions = {}): IdxFile {
  return decode(bytes, file, checkedMaxBytes(options.maxBytes), false);
}

/** {@link decodeIdx}; `owned` says whether the values may share `bytes`' memory. */
function decode(bytes: Uint8Array, file: string, maxBytes: number, owned: boolean): IdxFile {
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const source: Source = { file, gzipped, maxBytes };
  let decoded = bytes;
  let header: IdxHeader;
  let endsEarly = false;
  if (gzipped) ({ bytes: decoded, header, endsEarly } = gunzipIdx(bytes, source));
  else header = readHeader(bytes, source);
  const data = readValues(decoded, header, source, endsEarly, owned || gzipped);
  return { type: header.info.type, shape: header.shape, data, file, gzipped, dataOffset: header.dataOffset };
}

/**
 * Reads the IDX file at `path` (gzipped or not): its element type, shape and values. A file that is
 * not IDX, is cut short, has bytes after its values or declares more than `maxBytes` of values is an
 * `IdxFormatError` naming the file and the byte offset.
 *
 * @example
 * ```ts
 * const labels = readIdx('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz');
 * labels.type;  // 'uint8'
 * labels.shape; // [10000]
 * ```
 */
export function readIdx(path: string, options: IdxReadOptions = {}): IdxFile {
  const maxBytes = checkedMaxBytes(options.maxBytes);
  let size: number;
  let bytes: Uint8Array;
  try {
    size = statSync(path).size;
    // A file much larger than the values allowed is refused before it is read.
    if (size > maxBytes + MAX_HEADER_BYTES + 65_536) {
      failIdx(
        { file: path, gzipped: false },
        0,
        'idx-too-large',
        `the file has ${formatCount(size)} bytes, more than the limit of ${formatCount(maxBytes)} bytes of data (option maxBytes)`,
        `at most ${maxBytes} bytes of data`,
        size,
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof IdxFormatError) throw error;
    const said = error instanceof Error ? error.message : String(error);
    throw new IdxFormatError({ code: 'idx-unreadable', file: path, offset: 0, message: `${path}: cannot be read: ${said}`, expected: 'a readable IDX file', received: path });
  }
  return decode(bytes, path, maxBytes, true);
}
