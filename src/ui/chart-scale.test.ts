import { describe, expect, test } from 'vitest';
import { linearScale, niceTicks } from './chart-scale';

describe('niceTicks', () => {
  test('covers the maximum with round steps from 0', () => {
    expect(niceTicks(80, 4)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(81, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0.7, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  test('an empty or invalid maximum gives the unit axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('linearScale', () => {
  test('maps the domain onto the range, inverted ranges included', () => {
    const y = linearScale(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(100);
    expect(y(100)).toBe(0);
  });

  test('a zero-width domain maps to the range start', () => {
    expect(linearScale(5, 5, 10, 20)(5)).toBe(10);
  });
});
