/** W5's adapters, in report order; the hand-written loop first (the reference for ratios). */
import { brainLstmPeer } from './lstm-brain.js';
import { handWrittenLstmPeer } from './lstm-hand-written.js';
import { neatapticLstmPeer } from './lstm-neataptic.js';
import { neurographLstmCompiled, neurographLstmRun } from './lstm-neurograph.js';
import { synapticLstmPeer } from './lstm-synaptic.js';
import type { RecurrentPeer } from './lstm-workload.js';

export const recurrentPeers: readonly RecurrentPeer[] = [
  handWrittenLstmPeer,
  neurographLstmCompiled,
  neurographLstmRun,
  synapticLstmPeer,
  neatapticLstmPeer,
  brainLstmPeer,
];
