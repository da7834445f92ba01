/**
 * Playback
 * ========
 *
 * Where the player is (which input row, how many of its activations are shown)
 * and whether it is playing: the controls call its methods, a timer advances it
 * while playing, and every change is reported to `show`, which redraws. No DOM
 * here beyond the timer.
 *
 * Playback moves one moment at a time: one activation, or several that fire together
 * (a softmax group), which are shown, stepped over and played as one.
 */

/** How long one activation stays on screen at speed 1, in milliseconds. */
export const BASE_INTERVAL = 900;
/** The pause before the first step after pressing play, at speed 1. */
const START_DELAY = 250;

export interface Position {
  /** The input row (index into the recorded runs). */
  readonly row: number;
  /** Activations shown so far, 0 to the row's step count. */
  readonly step: number;
  /** Activations shown before the current moment: activations `from` to `step - 1` fire now. */
  readonly from: number;
  readonly playing: boolean;
  /** True when the change is one step forward, which the drawing animates. */
  readonly advanced: boolean;
}

export class Playback {
  row = 0;
  step = 0;
  playing = false;
  speed: number;
  /** For each row, the step counts at which a moment ends, ascending; the last is the row's step count. */
  readonly #stops: readonly (readonly number[])[];
  readonly #show: (position: Position) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `stepCounts[row]` is how many activations the row has; `stops[row]`, if given, the step counts
   * at which its moments end (by default after every activation: 1, 2, … the step count).
   */
  constructor(
    stepCounts: readonly number[],
    speed: number,
    show: (position: Position) => void,
    stops?: readonly (readonly number[])[],
  ) {
    this.#stops = stops ?? stepCounts.map((count) => Array.from({ length: count }, (_, i) => i + 1));
    this.speed = speed;
    this.#show = show;
  }

  /** How long an activation stays on screen at the current speed. */
  get interval(): number {
    return BASE_INTERVAL / this.speed;
  }

  get #steps(): number {
    return this.#rowStops.at(-1) ?? 0;
  }

  get #rowStops(): readonly number[] {
    return this.#stops[this.row] ?? [];
  }

  get #lastRow(): number {
    return this.#stops.length - 1;
  }

  /** The end of the moment after `step`, or `step` at the row's end. */
  #next(step: number): number {
    return this.#rowStops.find((stop) => stop > step) ?? step;
  }

  /** Where the moment that ends at `step` began: the end of the one before, or 0. */
  #previous(step: number): number {
    let found = 0;
    for (const stop of this.#rowStops) {
      if (stop >= step) break;
      found = stop;
    }
    return found;
  }

  /** Draws the current position, without animation. */
  redraw(): void {
    this.#emit(false);
  }

  setPlaying(playing: boolean): void {
    if (playing === this.playing) return;
    this.playing = playing;
    this.#cancel();
    if (playing) {
      // Play at the end of a row moves on to the next row; at the end of the last, starts over.
      if (this.step >= this.#steps) {
        this.row = this.row === this.#lastRow ? 0 : this.row + 1;
        this.step = 0;
      }
      this.#schedule(START_DELAY / this.speed);
    }
    this.#emit(false);
  }

  toggle(): void {
    this.setPlaying(!this.playing);
  }

  forward(): void {
    this.setPlaying(false);
    if (this.step < this.#steps) {
      this.step = this.#next(this.step);
      this.#emit(true);
    }
  }

  back(): void {
    this.setPlaying(false);
    if (this.step > 0) {
      this.step = this.#previous(this.step);
      this.#emit(false);
    }
  }

  /** Shows the row's first `step` activations (0 to the step count, up to the end of their moment); pauses. */
  jump(step: number): void {
    this.setPlaying(false);
    const clamped = Math.max(0, Math.min(this.#steps, step));
    this.step = clamped === 0 ? 0 : this.#next(clamped - 1);
    this.#emit(false);
  }

  jumpToEnd(): void {
    this.jump(this.#steps);
  }

  /** Shows another input row from its start; rows that do not exist are ignored. */
  selectRow(row: number): void {
    if (row < 0 || row > this.#lastRow) return;
    this.row = row;
    this.step = 0;
    this.#emit(false);
  }

  #tick(): void {
    this.#timer = undefined;
    if (!this.playing) return;
    if (this.step < this.#steps) {
      this.step = this.#next(this.step);
      this.#emit(true);
    } else if (this.row < this.#lastRow) {
      this.row++;
      this.step = 0;
      this.#emit(false);
    } else {
      this.setPlaying(false);
      return;
    }
    this.#schedule(this.interval);
  }

  #schedule(ms: number): void {
    this.#cancel();
    this.#timer = setTimeout(() => this.#tick(), ms);
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #emit(advanced: boolean): void {
    const from = this.step === 0 ? 0 : this.#previous(this.step);
    this.#show({ row: this.row, step: this.step, from, playing: this.playing, advanced });
  }
}
