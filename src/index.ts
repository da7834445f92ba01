/**
 * neurograph — neurons and weighted connections on a graphology graph, a topological
 * scheduler that emits an event for every activation.
 */
export { Network } from './graph/network.js';
export { CompiledNetwork } from './executors/compiled-network.js';
export { activations, activationNames } from './activations.js';
export { layerIds } from './graph/layered-network.js';
export { lstmCellIds } from './graph/lstm-network.js';
export { createRandom } from './random.js';
export { datasets } from './data/index.js';
export { checkTable, formatTable } from './format/truth-table.js';
export { Tracer } from './trace/tracer.js';
export { toPretty } from './trace/pretty.js';
export { toNDJSON } from './trace/ndjson.js';
export { toChromeTrace } from './trace/chrome-trace.js';
export { toDot, toMermaid, toSvg, toHtml } from './viz/index.js';
export { toOnnx } from './onnx/to-onnx.js';
export { fromOnnx } from './onnx/from-onnx.js';
export { Trainer } from './train/trainer.js';
export { trainPerceptron } from './train/perceptron.js';
export { lossNames } from './train/losses.js';
export { evaluate } from './train/evaluate.js';
export { classify } from './train/classify.js';
export { schedules } from './train/schedules.js';
export { optimizerNames } from './train/optimizers.js';
export {
  NeurographError,
  NotFoundError,
  UsageError,
  CycleError,
  InputError,
  SerializationError,
  TrainingError,
  NumericError,
} from './errors.js';

export type {
  InputOptions,
  NeuronOptions,
  BiasOptions,
  ConnectOptions,
  Connection,
  SequenceOptions,
} from './graph/network.js';
export type { CompiledSequenceOptions, CompileOptions, Precision } from './executors/compiled-network.js';
export type { EdgeColumns, EdgeSpec, NumberColumn } from './graph/connect-many.js';
export type { Aggregate } from './graph/neuron.js';
export type { ActivationName, ActivationSpec } from './activations.js';
export type { LayeredOptions } from './graph/layered-network.js';
export type { ElmanOptions } from './graph/elman-network.js';
export type { LstmOptions } from './graph/lstm-network.js';
export type { RandomizeOptions, WeightScheme } from './graph/weight-init.js';
export type { Inputs } from './graph/read-values.js';
export type { Random } from './random.js';
export type { Point, PointOptions } from './data/points.js';
export type { PointSample, ToSamplesOptions } from './data/to-samples.js';
export type { Split, SplitOptions } from './data/split.js';
export type { IrisClass, IrisOptions, IrisSample } from './data/iris.js';
export type { DigitSample, DigitSplit, MnistOptions } from './data/mnist.js';
export type { TableRow, TableResult } from './format/truth-table.js';
export type { TraceEvent } from './trace/trace-event.js';
export type { TracerOptions, TraceSink } from './trace/tracer.js';
export type { PrettyOptions } from './trace/pretty.js';
export type { ChromeTrace, ChromeTraceEvent, ChromeTraceOptions } from './trace/chrome-trace.js';
export type { DotOptions, MermaidOptions, SvgOptions, HtmlOptions } from './viz/index.js';
export type { OnnxOptions } from './onnx/onnx-graph.js';
export type {
  TrainerOptions,
  TrainingResult,
  TrainerEvents,
  EpochCompletedEvent,
  ConnectionGradient,
} from './train/trainer.js';
export type { PerceptronOptions, PerceptronResult } from './train/perceptron.js';
export type { TrainOptions, EarlyStopping } from './train/trainer.js';
export type { Regularization } from './train/regularization.js';
export type { LearningRateSchedule, StepDecayOptions, ExponentialDecayOptions } from './train/schedules.js';
export type { EvaluateOptions, Evaluation, ConfusionMatrix } from './train/evaluate.js';
export type { Sample, Targets } from './train/samples.js';
export type { SequenceSample, SequenceStep, TrainingSample } from './train/samples.js';
export type { LossName } from './train/losses.js';
export type { OptimizerName, OptimizerSpec } from './train/optimizers.js';
export type { InputProblem } from './errors.js';
export type { NetworkDocument } from './graph/serialize.js';
export type { NeuronAttributes, ConnectionAttributes, NetworkAttributes, NeuronGraph } from './graph/neuron.js';
export type { DenseLayer } from './plan/dense-model.js';
export type { Role } from './graph/neuron.js';
export type {
  NetworkEvents,
  RunStartedEvent,
  NeuronActivatedEvent,
  RunCompletedEvent,
} from './graph/events.js';
