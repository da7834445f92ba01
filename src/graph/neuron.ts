/**
 * What the graph stores: the attributes of neurons (nodes), connections (edges) and
 * the graph itself. These are exactly what `toJSON` writes.
 */
import type { DirectedGraph } from 'graphology';
import type { ActivationSpec } from '../activations.js';

/** What a neuron is for; decides where its output comes from. */
export type Role = 'input' | 'bias' | 'hidden' | 'output';

export interface NeuronAttributes {
  role: Role;
  /** Hidden and output neurons only. */
  activation?: ActivationSpec;
  /** How the neuron combines its weighted inputs; stored only for 'product' (a sum is the default). */
  aggregate?: Aggregate;
  label?: string;
}

/** 'sum' (the default): Σ weight × source; 'product': Π weight × source (a gate, as in LSTM). */
export type Aggregate = 'sum' | 'product';

export interface ConnectionAttributes {
  weight: number;
  /** Steps by which the source's output arrives late; stored only when ≥ 1 (0, immediate, is the default). */
  delay?: number;
  /** Stored only as false: a connection training never changes. */
  trainable?: boolean;
}

/** A connection's attributes as graphology keeps them: the delay only when ≥ 1, trainable only when false. */
export function connectionAttributes(weight: number, delay: number, trainable: boolean): ConnectionAttributes {
  const attributes: ConnectionAttributes = { weight };
  if (delay > 0) attributes.delay = delay;
  if (!trainable) attributes.trainable = false;
  return attributes;
}

export interface NetworkAttributes {
  format?: 'neurograph';
  version?: 1 | 2;
}

export type NeuronGraph = DirectedGraph<NeuronAttributes, ConnectionAttributes, NetworkAttributes>;

/** Role codes, as the plan stores them. */
export const roleCodes: Readonly<Record<Role, number>> = { input: 0, bias: 1, hidden: 2, output: 3 };
export const roleNames: readonly Role[] = ['input', 'bias', 'hidden', 'output'];
export const INPUT = roleCodes.input;
export const BIAS = roleCodes.bias;
export const OUTPUT = roleCodes.output;

/** Neurons that compute: they take incoming connections and an activation. */
export function isComputed(role: Role): boolean {
  return role === 'hidden' || role === 'output';
}

export const DEFAULT_ACTIVATION: ActivationSpec = 'sigmoid';
