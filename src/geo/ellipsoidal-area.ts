/**
 * Ellipsoidal area of polygons on the CGCS2000 (GRS80) ellipsoid, the way land surveys report it.
 *
 * Method: the polygon is mapped onto the authalic (equal-area) sphere of the ellipsoid — latitude φ
 * becomes the authalic latitude ξ with sin ξ = q(φ)/q(90°) (Snyder, "Map Projections — A Working
 * Manual", 1987, eqs. 3-11, 3-12) — and its area there is summed edge by edge with the exact area of
 * the spherical trapezoid between a great-circle edge and the equator:
 * tan(E/2) = tan(Δλ/2)·(tan(ξ₁/2) + tan(ξ₂/2)) / (1 + tan(ξ₁/2)·tan(ξ₂/2))
 * (the edge term of Bevis & Cambareri, "Computing the area of a spherical polygon of arbitrary
 * shape", Math. Geology 19, 1987). Area = R_q²·|ΣE| with R_q² = a²·q(90°)/2.
 *
 * Edges are therefore great circles of the authalic sphere, which lie within O(e²) of the geodesics
 * GeographicLib uses. Measured against GeographicLib at 27.5°N, the relative difference grows with
 * edge length, worst for long east–west edges: ≤ 1e-8 with 100 m edges (for footprints under
 * ~100 m² GeographicLib's own rounding, ~1e-7, dominates), ≤ 7e-8 with 1 km edges, ≤ 7e-7 with
 * 10 km edges, 1.4e-6 with 20 km edges. Densifying the edges does not reduce it (the
 * residual is the O(e²) shape difference between the two curves, not the edge length), so there is
 * no densification option.
 *
 * Why not Turf's ring formula with sin φ replaced by q(φ)/2 (the previous method): that trapezoid
 * rule makes every edge a curve on which q is linear in longitude, which differs from a geodesic by
 * a term ∝ (edge length)³: a diagonal 100 m edge is already 4e-6 off, a 1 km one 4e-5. Turf's own
 * `area` additionally uses a sphere and is ~0.16 % too large at 27.5°N.
 *
 * Longitudes are taken as given: rings must not cross the antimeridian.
 */
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** CGCS2000 semi-major axis (metres). */
export const CGCS2000_SEMI_MAJOR_AXIS_METERS = 6378137;
/** CGCS2000 flattening (GRS80). */
export const CGCS2000_FLATTENING = 1 / 298.257222101;

const A = CGCS2000_SEMI_MAJOR_AXIS_METERS;
const E2 = CGCS2000_FLATTENING * (2 - CGCS2000_FLATTENING);
const E = Math.sqrt(E2);
const DEGREES_TO_RADIANS = Math.PI / 180;

/** Snyder's q(φ) for the ellipsoid; 2·sin φ on a sphere. */
export function authalicQ(latitudeRadians: number): number {
  const sinPhi = Math.sin(latitudeRadians);
  const eSin = E * sinPhi;
  return (1 - E2) * (sinPhi / (1 - eSin * eSin) - (1 / (2 * E)) * Math.log((1 - eSin) / (1 + eSin)));
}

const Q_POLE = authalicQ(Math.PI / 2);
/** Square of the authalic radius R_q (m²): the sphere with the ellipsoid's surface area. */
const AUTHALIC_RADIUS_SQUARED = (A * A * Q_POLE) / 2;

/** tan(ξ/2) of the authalic latitude ξ of a geodetic latitude in degrees. */
function authalicHalfAngleTangent(latitudeDegrees: number): number {
  const sinXi = authalicQ(latitudeDegrees * DEGREES_TO_RADIANS) / Q_POLE;
  return sinXi / (1 + Math.sqrt(Math.max(0, 1 - sinXi * sinXi)));
}

/** Signed spherical excess (radians) between one great-circle edge and the equator. */
function edgeExcess(longitudeDeltaDegrees: number, fromTangent: number, toTangent: number): number {
  const halfDelta = (longitudeDeltaDegrees * DEGREES_TO_RADIANS) / 2;
  return 2 * Math.atan2(Math.tan(halfDelta) * (fromTangent + toTangent), 1 + fromTangent * toTangent);
}

/**
 * Signed area of one ring (positive when counter-clockwise), in m². A ring with < 4 positions is 0.
 * The ring should be closed (last = first); an unclosed ring is closed implicitly.
 */
export function ringSignedAreaSquareMeters(ring: readonly Position[]): number {
  const count = ring.length;
  if (count < 4) return 0;
  const first = ring[0] as Position;
  const firstTangent = authalicHalfAngleTangent(first[1] as number);
  let previousLongitude = first[0] as number;
  let previousTangent = firstTangent;
  let total = 0;
  for (let i = 1; i < count; i++) {
    const current = ring[i] as Position;
    const tangent = authalicHalfAngleTangent(current[1] as number);
    total += edgeExcess((current[0] as number) - previousLongitude, previousTangent, tangent);
    previousLongitude = current[0] as number;
    previousTangent = tangent;
  }
  total += edgeExcess((first[0] as number) - previousLongitude, previousTangent, firstTangent);
  return -total * AUTHALIC_RADIUS_SQUARED;
}

/** Area of a polygon (outer ring minus holes), in m². Ring orientation does not matter. */
export function polygonAreaSquareMeters(rings: readonly (readonly Position[])[]): number {
  let area = 0;
  rings.forEach((ring, index) => {
    const ringArea = Math.abs(ringSignedAreaSquareMeters(ring));
    area += index === 0 ? ringArea : -ringArea;
  });
  return area;
}

/**
 * Ellipsoidal area of a geometry or feature in m². Points, lines and empty geometries are 0;
 * a GeometryCollection sums its members.
 */
export function ellipsoidalAreaSquareMeters(input: Geometry | Feature | null): number {
  if (input === null) return 0;
  const geometry = input.type === 'Feature' ? input.geometry : input;
  if (geometry === null) return 0;
  switch (geometry.type) {
    case 'Polygon':
      return polygonAreaSquareMeters((geometry as Polygon).coordinates);
    case 'MultiPolygon':
      return (geometry as MultiPolygon).coordinates.reduce((sum, polygon) => sum + polygonAreaSquareMeters(polygon), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, member) => sum + ellipsoidalAreaSquareMeters(member), 0);
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
      return 0;
  }
}
