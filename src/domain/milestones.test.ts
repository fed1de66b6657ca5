import { describe, expect, it } from 'vitest';
import { milestoneAhead, milestonePassed } from './milestones';

describe('quarterly milestones', () => {
  it('has no passed milestone before the end of March, and 30 % after it', () => {
    expect(milestonePassed('2026-03-31')).toBeNull();
    expect(milestonePassed('2026-04-01')?.share).toBe(0.3);
  });

  it('on 21 November requires 80 % (September) and works towards 100 % by 31 December', () => {
    expect(milestonePassed('2026-11-21')).toEqual({ share: 0.8, deadline: '2026-09-30', label: '三季度末' });
    expect(milestoneAhead('2026-11-21')).toEqual({ share: 1, deadline: '2026-12-31', label: '年底' });
  });

  it('treats a deadline day as still ahead', () => {
    expect(milestoneAhead('2026-06-30').share).toBe(0.6);
    expect(milestonePassed('2026-06-30')?.share).toBe(0.3);
  });

  it('refuses dates that are not ISO dates', () => {
    expect(() => milestonePassed('21/11/2026')).toThrow(RangeError);
  });
});
