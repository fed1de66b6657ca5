/**
 * The boundary pieces of an overlay result and the sum of their area terms.
 *
 * Each piece is a directed straight piece (in lon/lat) with the region on its left; its area term
 * is the great-circle edge term of `ellipsoidal-area.ts`. Collinear pieces are merged first:
 * pieces that continue each other in a straight line become one edge, and pieces that run along
 * each other in opposite directions (a zero-width sliver where two boundaries coincide) cancel.
 * This matters because a great-circle arc split at a point of the straight lon/lat line is a
 * different curve from the unsplit arc (by ~6e-4 m² on a 50 m edge at 27°N): merging makes the
 * result the area of the polygon `turf.intersect` returns, whose rings drop collinear vertices.
 */
import { orientation } from './robust-orientation';

const DEGREES_TO_RADIANS = Math.PI / 180;

/** Edge term from (x1, tangent1) to (x2, tangent2), minus the strip down to the reference parallel (sin ξ₀ = `reference`). */
export function pieceExcess(x1: number, tangent1: number, x2: number, tangent2: number, reference: number): number {
  const delta = (x2 - x1) * DEGREES_TO_RADIANS;
  return 2 * Math.atan2(Math.tan(delta / 2) * (tangent1 + tangent2), 1 + tangent1 * tangent2) - delta * reference;
}

/** One end of a piece on a line, keyed by its position along the line. */
interface LinePoint {
  key: number;
  x: number;
  tangent: number;
}

function byKey(a: LinePoint, b: LinePoint): number {
  return a.key - b.key;
}

/** A growable list of pieces (start x, y, authalic tangent → end x, y, tangent). Reused between overlays. */
export class BoundaryPieces {
  count = 0;
  private readonly values: number[] = [];

  clear(): void {
    this.count = 0;
    this.values.length = 0;
  }

  add(x1: number, y1: number, tangent1: number, x2: number, y2: number, tangent2: number): void {
    if (x1 === x2 && y1 === y2) return;
    this.values.push(x1, y1, tangent1, x2, y2, tangent2);
    this.count++;
  }

  private value(piece: number, field: number): number {
    return this.values[6 * piece + field] as number;
  }

  /** Whether piece `other` lies on the line through piece `piece` (exact). */
  private collinear(piece: number, other: number): boolean {
    const ax = this.value(piece, 0), ay = this.value(piece, 1), bx = this.value(piece, 3), by = this.value(piece, 4);
    return orientation(ax, ay, bx, by, this.value(other, 0), this.value(other, 1)) === 0 && orientation(ax, ay, bx, by, this.value(other, 3), this.value(other, 4)) === 0;
  }

  /** Σ of the area terms after merging collinear pieces. */
  sumExcess(reference: number): number {
    const grouped = new Uint8Array(this.count);
    let sum = 0;
    for (let piece = 0; piece < this.count; piece++) {
      if (grouped[piece] === 1) continue;
      const members = [piece];
      for (let other = piece + 1; other < this.count; other++) {
        if (grouped[other] === 0 && this.collinear(piece, other)) {
          members.push(other);
          grouped[other] = 1;
        }
      }
      sum += members.length === 1
        ? pieceExcess(this.value(piece, 0), this.value(piece, 2), this.value(piece, 3), this.value(piece, 5), reference)
        : this.sumCollinear(members, reference);
    }
    return sum;
  }

  /**
   * Collinear pieces as a signed coverage of their line: +1 where a piece runs forward, −1
   * backward; each maximal stretch of equal non-zero coverage is one edge.
   */
  private sumCollinear(members: readonly number[], reference: number): number {
    const first = members[0] as number;
    const alongX = Math.abs(this.value(first, 3) - this.value(first, 0)) >= Math.abs(this.value(first, 4) - this.value(first, 1));
    // The position along the line: x, or y for a steep line (exact order for collinear points).
    const keyField = alongX ? 0 : 1;
    const points: LinePoint[] = [];
    for (const piece of members) {
      points.push({ key: this.value(piece, keyField), x: this.value(piece, 0), tangent: this.value(piece, 2) });
      points.push({ key: this.value(piece, keyField + 3), x: this.value(piece, 3), tangent: this.value(piece, 5) });
    }
    points.sort(byKey);
    const distinct: LinePoint[] = [];
    for (const point of points) if (distinct.length === 0 || (distinct[distinct.length - 1] as LinePoint).key !== point.key) distinct.push(point);
    let sum = 0;
    let runStart: LinePoint | null = null;
    let runCoverage = 0;
    for (let i = 0; i + 1 < distinct.length; i++) {
      const from = distinct[i] as LinePoint;
      const to = distinct[i + 1] as LinePoint;
      let coverage = 0;
      for (const piece of members) {
        const start = this.value(piece, keyField);
        const end = this.value(piece, keyField + 3);
        if (start <= from.key && end >= to.key) coverage++;
        else if (end <= from.key && start >= to.key) coverage--;
      }
      if (coverage !== runCoverage) {
        if (runStart !== null && runCoverage !== 0) sum += runCoverage * pieceExcess(runStart.x, runStart.tangent, from.x, from.tangent, reference);
        runStart = from;
        runCoverage = coverage;
      }
    }
    const last = distinct[distinct.length - 1] as LinePoint;
    if (runStart !== null && runCoverage !== 0) sum += runCoverage * pieceExcess(runStart.x, runStart.tangent, last.x, last.tangent, reference);
    return sum;
  }
}
