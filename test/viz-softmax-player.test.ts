import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Playback, type Position } from '../src/viz/player/playback.js';

// Playback over moments: a softmax group's activations are one moment, shown, stepped
// over and played as one (vitest's fake timers; see viz-player-playback.test.ts).
describe('player playback with a softmax group', () => {
  let shown: Position[];
  let playback: Playback;
  /** Row 0: two activations, then a group of three (steps 3–5); row 1: a group of three alone. */
  const create = () => new Playback([5, 3], 2, (position) => shown.push(position), [[1, 2, 5], [3]]);
  const at = () => [playback.row, playback.step, playback.playing];

  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
    playback = create();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('steps over the group as one moment, forward and back; the moment starts where the one before ended', () => {
    for (let i = 0; i < 4; i++) playback.forward();
    playback.back();
    playback.back();
    expect(shown.map((p) => [p.from, p.step, p.advanced])).toStrictEqual([
      [0, 1, true],
      [1, 2, true],
      [2, 5, true],
      [1, 2, false],
      [0, 1, false],
    ]);
  });

  it('jumps to the end of the moment a step belongs to', () => {
    const jumps = [3, 4, 5, 2, 0, 9, -1].map((step) => {
      playback.jump(step);
      return shown.at(-1)!;
    });
    expect(jumps.map((p) => [p.from, p.step])).toStrictEqual([
      [2, 5],
      [2, 5],
      [2, 5],
      [1, 2],
      [0, 0],
      [2, 5],
      [0, 0],
    ]);
  });

  it('plays the group in one interval, then the next row', () => {
    playback.setPlaying(true);
    vi.advanceTimersByTime(125);
    expect(at()).toStrictEqual([0, 1, true]);
    vi.advanceTimersByTime(playback.interval);
    expect(at()).toStrictEqual([0, 2, true]);
    vi.advanceTimersByTime(playback.interval);
    expect(at()).toStrictEqual([0, 5, true]);
    vi.advanceTimersByTime(2 * playback.interval);
    expect([...at(), shown.at(-1)!.from]).toStrictEqual([1, 3, true, 0]);
    vi.advanceTimersByTime(10 * playback.interval);
    expect(at()).toStrictEqual([1, 3, false]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
