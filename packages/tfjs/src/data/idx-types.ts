/**
 * The element types of the IDX format (the format of the MNIST and Fashion-MNIST files): the type
 * byte of a file's header, the typed array that holds its values and their size.
 */

/** The name of an IDX element type. */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array of each element type. */
export interface IdxArrays {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}

/** The values of an IDX file, any type. */
export type IdxData = IdxArrays[IdxType];

/** An IDX file's content: its element type, its dimensions (outermost first) and its values, row-major. */
export interface IdxArray<T extends IdxType = IdxType> {
  readonly type: T;
  readonly shape: readonly number[];
  readonly data: IdxArrays[T];
}

/** What the format says about one element type. */
export interface IdxTypeInfo {
  readonly type: IdxType;
  /** The header's type byte. */
  readonly code: number;
  /** Bytes per element (stored big-endian). */
  readonly bytes: number;
  /** An empty typed array of `length` elements. */
  readonly allocate: (length: number) => IdxData;
}

/** Every element type, by its type byte. */
export const IDX_TYPE_CODES: ReadonlyMap<number, IdxTypeInfo> = new Map(
  (
    [
      ['uint8', 0x08, 1, (n: number) => new Uint8Array(n)],
      ['int8', 0x09, 1, (n: number) => new Int8Array(n)],
      ['int16', 0x0b, 2, (n: number) => new Int16Array(n)],
      ['int32', 0x0c, 4, (n: number) => new Int32Array(n)],
      ['float32', 0x0d, 4, (n: number) => new Float32Array(n)],
      ['float64', 0x0e, 8, (n: number) => new Float64Array(n)],
    ] as const
  ).map(([type, code, bytes, allocate]) => [code, { type, code, bytes, allocate }]),
);

/** The element type named `type`. */
export function idxTypeInfo(type: IdxType): IdxTypeInfo {
  for (const info of IDX_TYPE_CODES.values()) if (info.type === type) return info;
  throw new RangeError(`unknown IDX type ${JSON.stringify(type)}`);
}

/** `0x0b` for 11: how the format's documents write type bytes. */
export function hexByte(value: number): string {
  return `0x${value.toString(16).padStart(2, '0')}`;
}
