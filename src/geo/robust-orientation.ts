/**
 * The orientation predicate with an exact sign, for the area overlay: every decision the overlay
 * makes (does an edge cross another, is a vertex left of an edge) is a sign of this determinant,
 * so the decisions are mutually consistent even for collinear edges and shared vertices.
 *
 * Method: Shewchuk's floating-point filter ("Adaptive Precision Floating-Point Arithmetic and Fast
 * Robust Geometric Predicates", Discrete Comput. Geom. 18, 1997, orient2d stage A) decides almost
 * every call; when it cannot, the determinant is evaluated exactly in BigInt from the binary
 * representation of the six coordinates (only near-collinear triples reach this; exact zeros from
 * shared coordinates are decided by the filter).
 */

/** Shewchuk's error bound for stage A of orient2d: (3 + 16ε)ε with ε = 2⁻⁵³. */
const ORIENTATION_ERROR_BOUND = (3 + 16 * 2 ** -53) * 2 ** -53;

const scratch = new DataView(new ArrayBuffer(8));

/** A finite double as mantissa · 2^exponent with an integer mantissa. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  scratch.setFloat64(0, value);
  const high = scratch.getUint32(0);
  const low = scratch.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biasedExponent !== 0) mantissa |= 1n << 52n;
  const exponent = biasedExponent === 0 ? -1074 : biasedExponent - 1075;
  return { mantissa: high >>> 31 === 1 ? -mantissa : mantissa, exponent };
}

/** The exact sign (−1, 0 or 1) of (bx − ax)(cy − ay) − (by − ay)(cx − ax). */
function exactOrientationSign(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const parts = [ax, ay, bx, by, cx, cy].map(decompose);
  const lowest = Math.min(...parts.map((part) => part.exponent));
  const [pax, pay, pbx, pby, pcx, pcy] = parts.map((part) => part.mantissa << BigInt(part.exponent - lowest)) as [bigint, bigint, bigint, bigint, bigint, bigint];
  const determinant = (pbx - pax) * (pcy - pay) - (pby - pay) * (pcx - pax);
  return determinant > 0n ? 1 : determinant < 0n ? -1 : 0;
}

/**
 * (bx − ax)(cy − ay) − (by − ay)(cx − ax): positive when c lies left of a→b, negative when right,
 * exactly 0 when the three points are collinear. The sign is always exact; the magnitude is the
 * floating-point approximation (replaced by ±`Number.MIN_VALUE` when only the exact evaluation
 * could decide the sign). Coordinates must be finite.
 */
export function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const left = (bx - ax) * (cy - ay);
  const right = (by - ay) * (cx - ax);
  const determinant = left - right;
  let sum: number;
  if (left > 0) {
    if (right <= 0) return determinant;
    sum = left + right;
  } else if (left < 0) {
    if (right >= 0) return determinant;
    sum = -left - right;
  } else {
    return determinant;
  }
  const bound = ORIENTATION_ERROR_BOUND * sum;
  if (determinant >= bound || -determinant >= bound) return determinant;
  // Coincident points (a shared vertex) are collinear with anything; common, so skip the exact step.
  if ((cx === ax && cy === ay) || (cx === bx && cy === by) || (ax === bx && ay === by)) return 0;
  const sign = exactOrientationSign(ax, ay, bx, by, cx, cy);
  return sign === Math.sign(determinant) ? determinant : sign * Number.MIN_VALUE;
}
