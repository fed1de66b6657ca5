import { describe, expect, it } from 'vitest';
import { balancedRound } from './balanced-rounding';

function createRandomValues(seed: number, count: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 100000;
  });
}

describe('balancedRound (强制调平)', () => {
  it('makes three thirds add up to the whole', () => {
    expect(balancedRound([1 / 3, 1 / 3, 1 / 3].map((v) => v * 100), 0)).toEqual([34, 33, 33]);
  });

  it('keeps every row within one unit and the sum equal to the rounded total, for many random columns', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const values = createRandomValues(seed, 7 + (seed % 13));
      for (const decimals of [0, 2]) {
        const rounded = balancedRound(values, decimals);
        const sum = rounded.reduce((total, value) => total + value, 0);
        const expected = Math.round(values.reduce((total, value) => total + value, 0) * 10 ** decimals) / 10 ** decimals;
        expect(sum).toBeCloseTo(expected, decimals + 6);
        rounded.forEach((value, index) => expect(Math.abs(value - (values[index] as number))).toBeLessThan(10 ** -decimals));
      }
    }
  });

  it('returns an empty list for no rows and refuses non-finite input', () => {
    expect(balancedRound([])).toEqual([]);
    expect(() => balancedRound([1, Number.NaN])).toThrow(RangeError);
  });
});
