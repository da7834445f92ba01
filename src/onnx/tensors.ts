/**
 * ONNX tensors
 * ============
 *
 * Initializers written as little-endian `raw_data` (exact for float32, float64 and int64), and
 * read back from whichever field a producer used (`raw_data`, `float_data`, `double_data`,
 * `int64_data`, `int32_data`), with their shapes checked against their data.
 */
import { DataType, int64, type TensorMessage } from './proto.js';

/** A real-valued tensor of `dataType` (FLOAT or DOUBLE) with these dims, from float64 values. */
export function realTensor(
  name: string,
  dims: readonly number[],
  dataType: number,
  values: ArrayLike<number>,
): TensorMessage {
  const size = dataType === DataType.DOUBLE ? 8 : 4;
  const raw = new Uint8Array(values.length * size);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) {
    if (size === 8) view.setFloat64(i * 8, values[i]!, true);
    else view.setFloat32(i * 4, values[i]!, true);
  }
  return { name, dims: [...dims], data_type: dataType, raw_data: raw };
}

/** An int64 tensor with these dims. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorMessage {
  return { name, dims: [...dims], data_type: DataType.INT64, int64_data: [...values] };
}

/** What a tensor holds, or why it cannot be read. */
export type TensorValues =
  | { readonly dims: number[]; readonly values: Float64Array; readonly dataType: number }
  | { readonly problem: string };

const elementSize: Readonly<Record<number, number>> = {
  [DataType.FLOAT]: 4,
  [DataType.DOUBLE]: 8,
  [DataType.INT64]: 8,
  6: 4, // INT32
};

/** Reads a FLOAT, DOUBLE, INT64 or INT32 tensor's values as float64 (int64 beyond 2^53 is a problem). */
export function readTensor(tensor: TensorMessage): TensorValues {
  const dataType = tensor.data_type ?? 0;
  const dims = (tensor.dims ?? []).map(int64);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) return { problem: `has dims [${dims.join(', ')}]` };
  if (tensor.data_location === 1 || (tensor.external_data?.length ?? 0) > 0) {
    return { problem: 'keeps its data in an external file; save the model with its weights inside' };
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const size = elementSize[dataType];
  if (size === undefined) return { problem: `has data type ${dataType}; only float, double, int64 and int32 are read` };
  let values: Float64Array;
  const raw = tensor.raw_data;
  if (raw !== undefined && raw.length > 0) {
    if (raw.length !== count * size) {
      return { problem: `has ${raw.length} bytes of data for shape [${dims.join(', ')}] (${count * size} expected)` };
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      if (dataType === DataType.FLOAT) values[i] = view.getFloat32(i * 4, true);
      else if (dataType === DataType.DOUBLE) values[i] = view.getFloat64(i * 8, true);
      else if (dataType === DataType.INT64) {
        const n = view.getBigInt64(i * 8, true);
        values[i] =
          n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(-Number.MAX_SAFE_INTEGER) ? Number(n) : Number.NaN;
      } else values[i] = view.getInt32(i * 4, true);
    }
  } else {
    const list: readonly unknown[] =
      dataType === DataType.FLOAT
        ? (tensor.float_data ?? [])
        : dataType === DataType.DOUBLE
          ? (tensor.double_data ?? [])
          : dataType === DataType.INT64
            ? (tensor.int64_data ?? []).map(int64)
            : (tensor.int32_data ?? []);
    if (list.length !== count) {
      return { problem: `has ${list.length} values for shape [${dims.join(', ')}] (${count} expected)` };
    }
    values = Float64Array.from(list as number[]);
  }
  if (dataType === DataType.INT64 && values.some(Number.isNaN)) return { problem: 'has an int64 value beyond 2^53' };
  return { dims, values, dataType };
}
