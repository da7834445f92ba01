import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE_INTERVAL, Playback, type Position } from '../src/viz/player/playback.js';

// The player's playback logic on its own, on vitest's fake timers: where it is after
// each control, and what it plays when left alone.
describe('player playback', () => {
  let shown: Position[];
  let playback: Playback;
  /** Two input rows, of 3 and 2 activations, at speed 2. */
  const create = () => new Playback([3, 2], 2, (position) => shown.push(position));
  const at = () => [playback.row, playback.step, playback.playing];

  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
    playback = create();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('steps forward and back within a row, never past its ends; only a step forward animates', () => {
    playback.back();
    for (let i = 0; i < 4; i++) playback.forward();
    expect(at()).toStrictEqual([0, 3, false]);
    playback.back();
    expect(shown.map((p) => [p.step, p.advanced])).toStrictEqual([
      [1, true],
      [2, true],
      [3, true],
      [2, false],
    ]);
    playback.jumpToEnd();
    playback.jump(-5);
    expect(at()).toStrictEqual([0, 0, false]);
  });

  it('plays every row to its end, one activation per interval, then stops', () => {
    playback.setPlaying(true);
    expect(at()).toStrictEqual([0, 0, true]);
    vi.advanceTimersByTime(125); // the short pause before the first step, at speed 2
    expect(at()).toStrictEqual([0, 1, true]);
    vi.advanceTimersByTime(2 * playback.interval);
    expect(at()).toStrictEqual([0, 3, true]);
    vi.advanceTimersByTime(playback.interval);
    expect(at()).toStrictEqual([1, 0, true]);
    vi.advanceTimersByTime(10 * BASE_INTERVAL);
    expect(at()).toStrictEqual([1, 2, false]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('play at the end of the last row starts over; pause and a step stop the timer', () => {
    playback.selectRow(1);
    playback.jumpToEnd();
    playback.toggle();
    expect(at()).toStrictEqual([0, 0, true]);
    playback.toggle();
    expect([at(), vi.getTimerCount()]).toStrictEqual([[0, 0, false], 0]);
    playback.toggle();
    playback.forward();
    expect([at(), vi.getTimerCount()]).toStrictEqual([[0, 1, false], 0]);
    playback.selectRow(5);
    expect(at()).toStrictEqual([0, 1, false]);
  });
});
