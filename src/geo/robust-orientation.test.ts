import { describe, expect, it } from 'vitest';
import { orientation } from './robust-orientation';

/** The naive determinant, whose sign floating-point rounding gets wrong near collinearity. */
function naiveOrientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

describe('orientation', () => {
  it('is positive left of a→b, negative right of it and exactly 0 on it', () => {
    expect(orientation(0, 0, 1, 0, 0.5, 1)).toBeGreaterThan(0);
    expect(orientation(0, 0, 1, 0, 0.5, -1)).toBeLessThan(0);
    expect(orientation(120.4, 27.5, 120.5, 27.5, 120.45, 27.5)).toBe(0);
    expect(orientation(120.4, 27.5, 120.4, 27.6, 120.4, 27.55)).toBe(0);
  });

  it('is exactly 0 for a repeated point (a shared vertex)', () => {
    expect(orientation(120.41, 27.51, 120.43, 27.52, 120.43, 27.52)).toBe(0);
    expect(orientation(120.41, 27.51, 120.41, 27.51, 120.43, 27.52)).toBe(0);
  });

  it('gets the exact sign on the classic near-collinear grid where the naive determinant fails', () => {
    // Kettner et al., "Classroom examples of robustness problems in geometric computations" (2008):
    // p = (0.5 + i·u, 0.5 + j·u) with u = 2⁻⁵³, q = (12, 12), r = (24, 24).
    const unit = 2 ** -53;
    let naiveWrong = 0;
    for (let i = 0; i < 64; i++) {
      for (let j = 0; j < 64; j++) {
        const px = 0.5 + i * unit;
        const py = 0.5 + j * unit;
        // Exactly, the determinant is 12·(j − i)·u.
        const exact = Math.sign(j - i);
        expect(Math.sign(orientation(px, py, 12, 12, 24, 24))).toBe(exact);
        if (Math.sign(naiveOrientation(px, py, 12, 12, 24, 24)) !== exact) naiveWrong++;
      }
    }
    expect(naiveWrong).toBeGreaterThan(0);
  });
});
