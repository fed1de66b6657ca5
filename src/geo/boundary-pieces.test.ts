import { describe, expect, it } from 'vitest';
import { BoundaryPieces, pieceExcess } from './boundary-pieces';
import { authalicQ } from './ellipsoidal-area';
import { toPosition } from './test-fixtures';

function tangent(latitudeDegrees: number): number {
  const sinXi = authalicQ((latitudeDegrees * Math.PI) / 180) / authalicQ(Math.PI / 2);
  return sinXi / (1 + Math.sqrt(1 - sinXi * sinXi));
}

/** A point (x, y, authalic tangent) from local metres. */
function point(east: number, north: number): [number, number, number] {
  const [x, y] = toPosition([east, north]) as [number, number];
  return [x, y, tangent(y)];
}

function addPiece(pieces: BoundaryPieces, from: [number, number, number], to: [number, number, number]): void {
  pieces.add(from[0], from[1], from[2], to[0], to[1], to[2]);
}

describe('BoundaryPieces', () => {
  const reference = 0.46;

  it('sums a straight run split at a point of the lon/lat line as one great-circle edge', () => {
    const [a, middle, b] = [point(0, 0), point(30, 0), point(80, 0)];
    const split = new BoundaryPieces();
    addPiece(split, a, middle);
    addPiece(split, middle, b);
    const whole = pieceExcess(a[0], a[2], b[0], b[2], reference);
    expect(split.sumExcess(reference)).toBe(whole);
    // Without merging, the two arcs differ from the one arc.
    expect(pieceExcess(a[0], a[2], middle[0], middle[2], reference) + pieceExcess(middle[0], middle[2], b[0], b[2], reference)).not.toBe(whole);
  });

  it('cancels pieces running along each other in opposite directions, keeping the uncovered rest', () => {
    const [a, b, c, d] = [point(0, 0), point(20, 0), point(50, 0), point(90, 0)];
    const pieces = new BoundaryPieces();
    addPiece(pieces, a, d);
    addPiece(pieces, c, b);
    const expected = pieceExcess(a[0], a[2], b[0], b[2], reference) + pieceExcess(c[0], c[2], d[0], d[2], reference);
    expect(pieces.sumExcess(reference)).toBeCloseTo(expected, 18);
  });

  it('ignores zero-length pieces and keeps pieces on different lines apart', () => {
    const [a, b, c] = [point(0, 0), point(40, 0), point(40, 30)];
    const pieces = new BoundaryPieces();
    addPiece(pieces, a, a);
    addPiece(pieces, a, b);
    addPiece(pieces, b, c);
    expect(pieces.count).toBe(2);
    expect(pieces.sumExcess(reference)).toBe(pieceExcess(a[0], a[2], b[0], b[2], reference) + pieceExcess(b[0], b[2], c[0], c[2], reference));
  });
});
