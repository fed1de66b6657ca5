import { describe, expect, it } from 'vitest';
import { compareDisplay, dividerPercentAt, type CompareSettings } from './compare-modes';

const settings = (overrides: Partial<CompareSettings>): CompareSettings => ({
  mode: 'swipe', orientation: 'vertical', dividerPercent: 50, fade: 0.5, flickerShowsLater: true, ...overrides,
});

describe('compareDisplay', () => {
  it('swipe: each map shows its own epoch and the later map is clipped at the divider', () => {
    expect(compareDisplay(settings({ dividerPercent: 30 }))).toEqual({
      earlierMap: { before: 1, after: 0 }, laterMap: { before: 0, after: 1 }, laterClip: 'inset(0px 0px 0px 30%)', layout: 'stacked',
    });
    expect(compareDisplay(settings({ orientation: 'horizontal', dividerPercent: 120 })).laterClip).toBe('inset(100% 0px 0px 0px)');
  });

  it('side by side: unclipped maps next to each other', () => {
    expect(compareDisplay(settings({ mode: 'side' }))).toMatchObject({ laterClip: 'none', layout: 'side-by-side' });
  });

  it('fade and flicker: the later map shows the earlier epoch under the later one', () => {
    expect(compareDisplay(settings({ mode: 'fade', fade: 0.25 })).laterMap).toEqual({ before: 1, after: 0.25 });
    expect(compareDisplay(settings({ mode: 'flicker', flickerShowsLater: false })).laterMap).toEqual({ before: 1, after: 0 });
    expect(compareDisplay(settings({ mode: 'flicker', flickerShowsLater: true })).laterMap).toEqual({ before: 1, after: 1 });
  });
});

describe('dividerPercentAt', () => {
  it('maps a pointer position to 0…100 %', () => {
    expect(dividerPercentAt(300, 100, 800)).toBe(25);
    expect(dividerPercentAt(0, 100, 800)).toBe(0);
    expect(dividerPercentAt(2000, 100, 800)).toBe(100);
    expect(dividerPercentAt(5, 0, 0)).toBe(50);
  });
});
