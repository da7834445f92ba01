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
  label?: string;
}

export interface ConnectionAttributes {
  weight: number;
}

export interface NetworkAttributes {
  format?: 'neurograph';
  version?: 1;
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
