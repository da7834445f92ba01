/**
 * Playback
 * ========
 *
 * Where the player is (which input row, how many of its activations are shown)
 * and whether it is playing: the controls call its methods, a timer advances it
 * while playing, and every change is reported to `show`, which redraws. No DOM
 * here beyond the timer.
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
  readonly playing: boolean;
  /** True when the change is one step forward, which the drawing animates. */
  readonly advanced: boolean;
}

export class Playback {
  row = 0;
  step = 0;
  playing = false;
  speed: number;
  readonly #stepCounts: readonly number[];
  readonly #show: (position: Position) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `stepCounts[row]` is how many activations the row has. */
  constructor(stepCounts: readonly number[], speed: number, show: (position: Position) => void) {
    this.#stepCounts = stepCounts;
    this.speed = speed;
    this.#show = show;
  }

  /** How long an activation stays on screen at the current speed. */
  get interval(): number {
    return BASE_INTERVAL / this.speed;
  }

  get #steps(): number {
    return this.#stepCounts[this.row] ?? 0;
  }

  get #lastRow(): number {
    return this.#stepCounts.length - 1;
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
      this.step++;
      this.#emit(true);
    }
  }

  back(): void {
    this.setPlaying(false);
    if (this.step > 0) {
      this.step--;
      this.#emit(false);
    }
  }

  /** Shows the row's first `step` activations (0 to the step count); pauses. */
  jump(step: number): void {
    this.setPlaying(false);
    this.step = Math.max(0, Math.min(this.#steps, step));
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
      this.step++;
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
    this.#show({ row: this.row, step: this.step, playing: this.playing, advanced });
  }
}
