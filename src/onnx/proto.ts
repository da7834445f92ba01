/**
 * ONNX messages
 * =============
 *
 * ONNX's own schema (onnx.proto3, as onnx-schema.ts holds it) loaded into protobufjs, which
 * writes and reads the bytes: nothing here encodes a field by hand. The interfaces name the
 * fields neurograph reads and writes (protobufjs's objects carry the schema's snake_case names).
 *
 * [Reference]: https://github.com/onnx/onnx/blob/main/docs/IR.md
 */
import protobuf from 'protobufjs';
import { onnxSchema } from './onnx-schema.js';

const root = protobuf.Root.fromJSON(onnxSchema);
/** The `onnx.ModelProto` message type: `encode`, `decode`, `fromObject`, `verify`. */
export const ModelProto = root.lookupType('onnx.ModelProto');

/** The opsets `toOnnx` writes and `fromOnnx` reads: 26 is the newest onnxruntime 1.30 loads. */
export const MIN_OPSET = 17;
export const MAX_OPSET = 26;
export const DEFAULT_OPSET = MAX_OPSET;

/** The IR version that goes with each opset (onnx/helper.py's VERSION_TABLE). */
export function irVersionOf(opset: number): number {
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  if (opset === 23) return 11;
  if (opset === 24) return 12;
  return 13;
}

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, BOOL: 9, INT64: 7, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, TENSOR: 4, INTS: 7 } as const;

/** An int64 field as protobufjs gives it: a number, or a Long when the `long` package is present. */
export type Int64 = number | { toNumber(): number; low: number; high: number; unsigned?: boolean };

export interface TensorMessage {
  name?: string;
  dims?: Int64[];
  data_type?: number;
  float_data?: number[];
  double_data?: number[];
  int64_data?: Int64[];
  int32_data?: number[];
  raw_data?: Uint8Array;
  data_location?: number;
  external_data?: unknown[];
}

export interface AttributeMessage {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  ints?: Int64[];
  t?: TensorMessage;
  s?: Uint8Array;
  floats?: number[];
  g?: unknown;
  graphs?: unknown[];
}

export interface NodeMessage {
  name?: string;
  op_type?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: AttributeMessage[];
  doc_string?: string;
}

export interface DimensionMessage {
  dim_value?: Int64;
  dim_param?: string;
}

export interface ValueInfoMessage {
  name?: string;
  doc_string?: string;
  type?: { tensor_type?: { elem_type?: number; shape?: { dim?: DimensionMessage[] } } };
}

export interface GraphMessage {
  name?: string;
  node?: NodeMessage[];
  initializer?: TensorMessage[];
  input?: ValueInfoMessage[];
  output?: ValueInfoMessage[];
  value_info?: ValueInfoMessage[];
  doc_string?: string;
}

export interface ModelMessage {
  ir_version?: Int64;
  opset_import?: { domain?: string; version?: Int64 }[];
  producer_name?: string;
  producer_version?: string;
  doc_string?: string;
  graph?: GraphMessage;
  metadata_props?: { key?: string; value?: string }[];
  functions?: unknown[];
}

/** An int64 field as a number (NaN when it is not a safe integer). */
export function int64(value: Int64 | undefined | null): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'number' ? value : value.toNumber();
  return Number.isSafeInteger(n) ? n : Number.NaN;
}
