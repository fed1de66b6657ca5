/**
 * Lengths on the CGCS2000 (GRS80) ellipsoid: each edge is the geodesic between its two vertices
 * (GeographicLib's inverse problem, Karney, "Algorithms for geodesics", J. Geodesy 87, 2013),
 * accurate to nanometres. For edges of a few hundred metres the geodesic and the straight line in
 * longitude/latitude the map draws differ in length by far less than a millimetre.
 */
import geodesic from 'geographiclib-geodesic';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { CGCS2000_FLATTENING, CGCS2000_SEMI_MAJOR_AXIS_METERS } from './ellipsoidal-area';

interface GeodesicSolver {
  Inverse(latitude1: number, longitude1: number, latitude2: number, longitude2: number): { s12?: number };
}

// The package is CommonJS with hand-written types; the constructor lives under Geodesic.Geodesic.
const { Geodesic } = geodesic as unknown as { Geodesic: { Geodesic: new (a: number, f: number) => GeodesicSolver } };
const CGCS2000 = new Geodesic.Geodesic(CGCS2000_SEMI_MAJOR_AXIS_METERS, CGCS2000_FLATTENING);

/** Geodesic distance between two lon/lat positions, m. */
export function geodesicDistanceMeters(from: Position, to: Position): number {
  return CGCS2000.Inverse(from[1] as number, from[0] as number, to[1] as number, to[0] as number).s12 ?? 0;
}

/** Length of a path of positions (a ring given closed includes its closing edge), m. Fewer than 2 positions: 0. */
export function pathLengthMeters(positions: readonly Position[]): number {
  let length = 0;
  for (let index = 1; index < positions.length; index++) {
    length += geodesicDistanceMeters(positions[index - 1] as Position, positions[index] as Position);
  }
  return length;
}

/**
 * Perimeter of a polygon (all rings, holes included: the length of the whole boundary), of a
 * multipolygon (all parts), or the length of a line, in m. Rings are expected closed.
 */
export function geodesicPerimeterMeters(geometry: Polygon | MultiPolygon | LineString): number {
  switch (geometry.type) {
    case 'LineString':
      return pathLengthMeters(geometry.coordinates);
    case 'Polygon':
      return geometry.coordinates.reduce((sum, ring) => sum + pathLengthMeters(ring), 0);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, rings) => sum + rings.reduce((ringSum, ring) => ringSum + pathLengthMeters(ring), 0), 0);
  }
}
