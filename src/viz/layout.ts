/**
 * Layered layout
 * ==============
 *
 * Where each neuron goes in a picture, computed from the plan's generations (no
 * layout dependency): one column per generation, inputs in the first column in
 * insertion order, outputs that feed nothing in the last column, the bias neurons
 * apart in a row of their own below everything. A connection that skips columns
 * gets a waypoint in every column it crosses (a Sugiyama "dummy" node), so it is
 * routed around the neurons in between rather than through them. Within a column,
 * neurons and waypoints are ordered by the barycenter heuristic (the mean height
 * of their neighbours in the column before, then after), which removes most
 * crossings in a few sweeps. Slots never overlap, so neither do neurons.
 *
 * Time: generations count immediate connections only, so a delayed connection may
 * point backwards or stay in its column. A forward one is routed like any other; a
 * self-loop is a loop above its neuron (whose slot is taller to leave room for it);
 * any other goes around the drawing on a lane of its own above every neuron, so it
 * crosses no neuron and changes no column's order.
 *
 * Softmax: the softmax group's neurons (outputs that feed nothing, so all in the last
 * column) share one slot, so they stay together whatever the barycenters say, ordered
 * within it by their own; the slot leaves room for the box drawn around them and its
 * label above (`Layout.softmax`).
 *
 * [Reference]: Sugiyama, Tagawa, Toda, "Methods for Visual Understanding of
 * Hierarchical System Structures", IEEE SMC 11(2), 1981.
 */
import type { ActivationSpec } from '../activations.js';
import type { Role } from '../graph/neuron.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import { SOFTMAX_LABEL, softmaxGroup } from './softmax-group.js';
import type { Box } from './weight-labels.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNeuron extends Point {
  readonly id: string;
  readonly role: Role;
  readonly activation: ActivationSpec | undefined;
  readonly label: string | undefined;
  /** Multiplies its weighted inputs instead of summing them. */
  readonly product: boolean;
  /** The column (0 = inputs); -1 for bias neurons, which are drawn apart. */
  readonly column: number;
}

export interface RoutedConnection {
  readonly from: string;
  readonly to: string;
  readonly weight: number;
  /** From a bias neuron: drawn light and dashed. */
  readonly bias: boolean;
  /** Steps by which the source's output arrives late; 0 for an immediate connection. */
  readonly delay: number;
  /** False for a connection training never changes. */
  readonly trainable: boolean;
  /**
   * How it is drawn: `layered` through `points` (source center, a waypoint in every column crossed,
   * target center); `loop` a self-loop above the neuron at `points[0]`; `lane` from the source
   * (`points[0]`) up to the lane at height `points[1].y`, along it, and down into the target (`points[2]`).
   */
  readonly route: 'layered' | 'loop' | 'lane';
  readonly points: readonly Point[];
  /** For a lane: how far its turns bulge beside the circles; higher lanes bulge further, so lanes nest. */
  readonly hook?: number;
}

/** The box drawn around the softmax group, and its label on the box's top edge. */
export interface GroupBox extends Box {
  /** The group's neurons, top to bottom. */
  readonly members: readonly string[];
  /** The label's background, centred on the box's top edge. */
  readonly label: Box;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  /** Neuron circle radius. */
  readonly radius: number;
  /** Neurons in the plan's order (topological). */
  readonly neurons: readonly PlacedNeuron[];
  /** Connections in graph insertion order. */
  readonly connections: readonly RoutedConnection[];
  /** Where the drawing ends and a legend may start. */
  readonly bottom: number;
  /** Present when the network has a softmax group. */
  readonly softmax?: GroupBox;
}

export const RADIUS = 24;
const NEURON_SLOT = 2 * RADIUS + 44;
const WAYPOINT_SLOT = 26;
const COLUMN_GAP = 180;
const PADDING = 48;
/** The slots already leave room above each circle for its value. */
const TOP_PADDING = 12;
const BIAS_GAP = 24;
const SWEEPS = 8;
/** Leaves room at the right for ids wider than their circle. */
const RIGHT_PADDING = 72;
/** Extra height of a neuron's slot that has a self-loop, which is drawn above the neuron. */
export const LOOP_ROOM = 40;
/** Distance between the lanes of connections routed around the drawing, above every neuron. */
const LANE_GAP = 22;
/** How far the turns of the lowest lane bulge beside the circles, and of the highest at most. */
const MIN_HOOK = 36;
const MAX_HOOK = 64;
/** Extra height of the softmax group's slot above and below its neurons, for its box and label. */
const GROUP_ABOVE = 18;
const GROUP_BELOW = 10;
/** How far the group's box reaches beyond the circles: sideways, above (past the values) and below (past the captions). */
const BOX_SIDE = 14;
const BOX_ABOVE = 26;
const BOX_BELOW = 26;
/** The box's label: its height, and an estimate of its 10px font's advance per character plus padding. */
const BOX_LABEL_HEIGHT = 14;
const BOX_LABEL_CHARACTER = 6;
const BOX_LABEL_PADDING = 14;

interface Slot {
  column: number;
  height: number;
  y: number;
  /** How far below the slot's center the neuron sits (room for a self-loop above it). */
  offset: number;
  neuron: string | null;
  /** The softmax group's neurons, when the slot holds the whole group (then `neuron` is null). */
  group: readonly string[] | null;
  before: Slot[];
  after: Slot[];
}

export function layoutNetwork(net: Network): Layout {
  const plan = planOf(net);
  const { graph } = net;
  const neuronIds = plan.ids;
  const roleOf = (id: string): Role => graph.getNodeAttribute(id, 'role');
  // Generations and columns follow immediate connections only.
  const hasOutgoing = (id: string) => graph.someOutEdge(id, (_key, attributes) => (attributes.delay ?? 0) === 0);
  const looped = (id: string) => graph.hasDirectedEdge(id, id);

  let lastColumn = 0;
  for (let p = 0; p < plan.size; p++) {
    if (roleOf(neuronIds[p]!) !== 'bias') lastColumn = Math.max(lastColumn, plan.generations[p]!);
  }
  const group = softmaxGroup(net);
  const grouped = new Set(group);
  const columnOf = new Map<string, number>();
  neuronIds.forEach((id, p) => {
    const role = roleOf(id);
    const last = grouped.has(id) || (role === 'output' && !hasOutgoing(id));
    columnOf.set(id, role === 'bias' ? -1 : last ? lastColumn : plan.generations[p]!);
  });

  // Slots: one per neuron, one per waypoint of a long connection.
  const columns: Slot[][] = Array.from({ length: lastColumn + 1 }, () => []);
  const slotOf = new Map<string, Slot>();
  const newSlot = (column: number, neuron: string | null, members: readonly string[] | null = null): Slot => {
    const loop = neuron !== null && looped(neuron) ? LOOP_ROOM : 0;
    const height =
      members !== null
        ? GROUP_ABOVE + members.length * NEURON_SLOT + GROUP_BELOW
        : neuron === null
          ? WAYPOINT_SLOT
          : NEURON_SLOT + loop;
    const slot: Slot = { column, height, y: 0, offset: loop / 2, neuron, group: members, before: [], after: [] };
    columns[column]!.push(slot);
    return slot;
  };
  // Column 0 keeps inputs first, in insertion order; the plan order is generation, then insertion.
  for (const id of plan.inputIds) slotOf.set(id, newSlot(0, id));
  for (const id of neuronIds) {
    const column = columnOf.get(id)!;
    if (column < 0 || slotOf.has(id)) continue;
    if (!grouped.has(id)) slotOf.set(id, newSlot(column, id));
    else {
      const slot = newSlot(column, null, group);
      for (const member of group) slotOf.set(member, slot);
    }
  }
  /** For each softmax neuron, the slots its connections come from, to order the group by. */
  const memberSources = new Map<string, Slot[]>(group.map((id) => [id, []]));

  const routes: Slot[][] = [];
  const edges: Omit<RoutedConnection, 'points'>[] = [];
  /** The lane of each connection routed around the drawing, by edge index. */
  const lanes = new Map<number, number>();
  graph.forEachEdge((_key, attributes, from, to) => {
    const bias = roleOf(from) === 'bias';
    const { weight, delay = 0, trainable = true } = attributes;
    const source = slotOf.get(from);
    const target = slotOf.get(to)!;
    const route =
      bias || source === undefined
        ? 'layered'
        : from === to
          ? 'loop'
          : source.column >= target.column
            ? 'lane'
            : 'layered';
    if (route === 'lane') lanes.set(edges.length, lanes.size);
    edges.push({ from, to, weight, bias, delay, trainable, route });
    if (bias || source === undefined || route !== 'layered') {
      routes.push([]);
      return;
    }
    const chain = [source];
    for (let column = source.column + 1; column < target.column; column++) chain.push(newSlot(column, null));
    chain.push(target);
    memberSources.get(to)?.push(chain.at(-2)!);
    for (let i = 1; i < chain.length; i++) {
      chain[i]!.before.push(chain[i - 1]!);
      chain[i - 1]!.after.push(chain[i]!);
    }
    routes.push(chain);
  });

  // Barycenter sweeps, left to right then right to left; the input column stays put.
  // NOTE: a reduce, not Math.max(...columns): a long chain has more columns than a call has room for arguments.
  const tallest = () => columns.reduce((most, column) => Math.max(most, columnHeight(column)), 0);
  const place = (column: Slot[], height: number) => {
    let y = (height - columnHeight(column)) / 2;
    for (const slot of column) {
      slot.y = y + slot.height / 2;
      y += slot.height;
    }
  };
  let height = tallest();
  columns.forEach((column) => place(column, height));
  const reorder = (column: Slot[], neighbours: (slot: Slot) => Slot[]) => {
    // NOTE: a column of one slot has nothing to reorder and is already placed; a long chain is all such columns.
    if (column.length < 2) return;
    const keyed = column.map((slot, index) => {
      const around = neighbours(slot);
      const key = around.length === 0 ? slot.y : around.reduce((sum, other) => sum + other.y, 0) / around.length;
      return { slot, key, index };
    });
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    keyed.forEach(({ slot }, i) => (column[i] = slot));
    place(column, height);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let c = 1; c <= lastColumn; c++) reorder(columns[c]!, (slot) => slot.before);
    for (let c = lastColumn - 1; c >= 1; c--) reorder(columns[c]!, (slot) => slot.after);
  }
  height = tallest();

  // The group's neurons, top to bottom by the mean height of their sources (the plan's order on ties).
  const groupSlot = group.length > 0 ? slotOf.get(group[0]!)! : undefined;
  const members = group
    .map((id, index) => {
      const sources = memberSources.get(id)!;
      const key = sources.length === 0 ? groupSlot!.y : sources.reduce((sum, slot) => sum + slot.y, 0) / sources.length;
      return { id, key, index };
    })
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ id }) => id);

  const xOf = (column: number) => PADDING + column * COLUMN_GAP;
  const top = TOP_PADDING + lanes.size * LANE_GAP;
  const biasIds = neuronIds.filter((id) => columnOf.get(id) === -1);
  const biasTop = top + height + (biasIds.length > 0 ? BIAS_GAP : 0);

  const neurons: PlacedNeuron[] = neuronIds.map((id) => {
    const attributes = graph.getNodeAttributes(id);
    const column = columnOf.get(id)!;
    const slot = slotOf.get(id);
    const point =
      slot === undefined
        ? { x: xOf(0), y: biasTop + (biasIds.indexOf(id) + 0.5) * NEURON_SLOT }
        : slot.group !== null
          ? { x: xOf(column), y: top + memberY(slot, members.indexOf(id)) }
          : { x: xOf(column), y: top + slot.y + slot.offset };
    const { role, activation, label } = attributes;
    return { id, role, activation, label, product: attributes.aggregate === 'product', column, ...point };
  });
  const pointOf = new Map(neurons.map((neuron) => [neuron.id, { x: neuron.x, y: neuron.y }]));

  const connections: RoutedConnection[] = edges.map((edge, i) => {
    const chain = routes[i]!;
    const from = pointOf.get(edge.from)!;
    const to = pointOf.get(edge.to)!;
    const lane = lanes.get(i);
    if (lane !== undefined) {
      const spread = lanes.size > 1 ? (MAX_HOOK - MIN_HOOK) / (lanes.size - 1) : 0;
      const hook = MAX_HOOK - lane * spread;
      return {
        ...edge,
        points: [from, { x: (from.x + to.x) / 2, y: TOP_PADDING + (lane + 0.5) * LANE_GAP }, to],
        hook,
      };
    }
    const points =
      edge.route === 'loop'
        ? [from]
        : chain.length === 0
          ? [from, to]
          : chain.map((slot, k) =>
              k === 0 ? from : k === chain.length - 1 ? to : { x: xOf(slot.column), y: top + slot.y },
            );
    return { ...edge, points };
  });

  const bottom = biasTop + biasIds.length * NEURON_SLOT;
  return {
    width: xOf(lastColumn) + RIGHT_PADDING,
    height: bottom + TOP_PADDING,
    radius: RADIUS,
    neurons,
    connections,
    bottom,
    ...(groupSlot !== undefined && { softmax: groupBox(members, xOf(groupSlot.column), top + groupSlot.y) }),
  };
}

/** Where the group's neuron at `index` (top to bottom) sits, relative to the column like `slot.y`. */
function memberY(slot: Slot, index: number): number {
  return slot.y - slot.height / 2 + GROUP_ABOVE + (index + 0.5) * NEURON_SLOT;
}

/** The box around the group's circles (and their values and captions), in the column at `x`, centred on `y`. */
function groupBox(members: readonly string[], x: number, y: number): GroupBox {
  const reach = (members.length * NEURON_SLOT) / 2 - NEURON_SLOT / 2 + RADIUS;
  const centre = y + (GROUP_ABOVE - GROUP_BELOW) / 2;
  const top = centre - reach - BOX_ABOVE;
  const labelWidth = SOFTMAX_LABEL.length * BOX_LABEL_CHARACTER + BOX_LABEL_PADDING;
  return {
    members,
    x: x - RADIUS - BOX_SIDE,
    y: top,
    width: 2 * (RADIUS + BOX_SIDE),
    height: 2 * reach + BOX_ABOVE + BOX_BELOW,
    label: { x: x - labelWidth / 2, y: top - BOX_LABEL_HEIGHT / 2, width: labelWidth, height: BOX_LABEL_HEIGHT },
  };
}

function columnHeight(column: readonly Slot[]): number {
  return column.reduce((sum, slot) => sum + slot.height, 0);
}
