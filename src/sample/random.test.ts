import { describe, expect, test } from 'vitest';
import { createRandom } from './random';

describe('createRandom', () => {
  test('repeats its sequence for the same seed and differs for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  test('stays in range', () => {
    const random = createRandom(1);
    for (let index = 0; index < 10_000; index++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
      const integer = random.integer(3, 5);
      expect([3, 4, 5]).toContain(integer);
    }
  });

  test('weighted never picks a zero-weight item and shuffle keeps the items', () => {
    const random = createRandom(2);
    for (let index = 0; index < 1000; index++) expect(random.weighted(['a', 'b', 'c'], [1, 0, 1])).not.toBe('b');
    expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});
