import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress } from './import-session';
import { throttleProgress } from './progress-throttle';

const step = (stage: ImportProgress['stage'], done: number, total = 100): ImportProgress => ({ stage, done, total });

describe('throttleProgress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a new stage and the last step at once, other steps at most every interval, and the latest held back after it', () => {
    const shown: ImportProgress[] = [];
    const listener = throttleProgress((progress) => shown.push(progress), 250);
    listener(step('transfer', 0));
    listener(step('transfer', 10));
    listener(step('transfer', 20));
    expect(shown).toEqual([step('transfer', 0)]);
    vi.advanceTimersByTime(249);
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([step('transfer', 0), step('transfer', 20)]);
    listener(step('transfer', 30));
    listener(step('store', 0));
    listener(step('store', 100));
    expect(shown).toEqual([step('transfer', 0), step('transfer', 20), step('store', 0), step('store', 100)]);
    // The held-back step of the earlier stage is not shown after the newer ones.
    vi.advanceTimersByTime(1_000);
    expect(shown).toHaveLength(4);
  });

  it('shows a step at once when the interval has passed', () => {
    const shown: ImportProgress[] = [];
    const listener = throttleProgress((progress) => shown.push(progress), 250);
    listener(step('validate', 1));
    vi.advanceTimersByTime(300);
    listener(step('validate', 2));
    expect(shown.map((progress) => progress.done)).toEqual([1, 2]);
  });
});
