/**
 * Memory
 * ======
 *
 * What a network remembers between time steps: its neurons' outputs from the last
 * `depth` steps (the plan's longest delay), by plan position, in a ring of buffers.
 * A delayed connection of delay d reads `earlier(d)`: the outputs of d steps ago, all
 * zero until that many steps have run since the last reset.
 */
import type { Plan } from '../plan/plan.js';

export class Memory {
  /** The plan whose positions index the buffers. */
  readonly plan: Plan;
  /** Ring of `depth` output buffers; `#latest` holds the previous step's. */
  readonly #past: Float64Array[];
  #latest = 0;

  constructor(plan: Plan) {
    this.plan = plan;
    this.#past = Array.from({ length: plan.maxDelay }, () => new Float64Array(plan.size));
  }

  get depth(): number {
    return this.#past.length;
  }

  /** The outputs of `delay` steps ago (1 ≤ delay ≤ depth), by position. Read it; do not change it. */
  earlier(delay: number): Float64Array {
    const depth = this.#past.length;
    return this.#past[(this.#latest - delay + 1 + depth) % depth]!;
  }

  /** Remembers a finished step's outputs (the oldest remembered step is forgotten). */
  remember(values: Float64Array): void {
    const depth = this.#past.length;
    if (depth === 0) return;
    this.#latest = (this.#latest + 1) % depth;
    this.#past[this.#latest]!.set(values);
  }

  /** Forgets everything: every earlier output is 0 again. */
  clear(): void {
    for (const buffer of this.#past) buffer.fill(0);
  }

  /** A copy (to restore when a sequence of steps fails part-way). */
  copy(): Memory {
    const copy = new Memory(this.plan);
    copy.#latest = this.#latest;
    this.#past.forEach((buffer, k) => copy.#past[k]!.set(buffer));
    return copy;
  }

  /**
   * The same memory for a new plan of the same network (after a structural change):
   * each neuron that still exists keeps its earlier outputs, by id; new ones start at 0.
   */
  carriedTo(plan: Plan): Memory {
    const carried = new Memory(plan);
    const depth = Math.min(this.depth, carried.depth);
    for (let delay = 1; delay <= depth; delay++) {
      const from = this.earlier(delay);
      const to = carried.earlier(delay);
      for (let position = 0; position < plan.size; position++) {
        const old = this.plan.positionOf.get(plan.ids[position]!);
        if (old !== undefined) to[position] = from[old]!;
      }
    }
    return carried;
  }
}
