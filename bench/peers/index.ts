/** Every peer adapter, in report order; the hand-written loop first (the reference for ratios). */
import { brainPeer } from './brain.js';
import { handWritten, handWrittenGeneric, handWrittenPlain } from './hand-written.js';
import { neatapticPeer } from './neataptic.js';
import {
  neurographCompiled,
  neurographConnectMany,
  neurographConnectManyGraph,
  neurographFloat32,
  neurographRun,
  neurographTrainer,
} from './neurograph.js';
import { synapticPeer } from './synaptic.js';
import { tfjsCpu, tfjsWasm } from './tfjs.js';
import type { Peer } from './workloads.js';

export const peers: readonly Peer[] = [
  handWritten,
  handWrittenGeneric,
  handWrittenPlain,
  neurographCompiled,
  neurographConnectMany,
  neurographConnectManyGraph,
  neurographFloat32,
  neurographRun,
  neurographTrainer,
  synapticPeer,
  neatapticPeer,
  brainPeer,
  tfjsCpu,
  tfjsWasm,
];
