/**
 * Point conversions between the coordinate systems an imported image may be in (EPSG 4326 / 4490
 * geographic, 3857 Web Mercator, CGCS2000 3-degree Gauss-Krüger 4513–4554) and CGCS2000 degrees
 * (treated as WGS84, as everywhere in the app), through proj4 with the Gauss-Krüger definitions of
 * `domain/coordinate-system`.
 */
import proj4 from 'proj4';
import { gaussKrugerCentralMeridian, gaussKrugerThreeDegreeZone, type CoordinateSystem } from '../domain/coordinate-system';
import { isSupportedImageCoordinateSystem } from '../domain/epochs-georeference';

export interface ImageProjection {
  /** Whether the system's coordinates are degrees (no warp needed for a north-up image). */
  geographic: boolean;
  toLonLat(x: number, y: number): [number, number];
  fromLonLat(longitude: number, latitude: number): [number, number];
}

function transverseMercatorOf(code: number): CoordinateSystem {
  return code <= 4533 ? gaussKrugerThreeDegreeZone(code - 4488) : gaussKrugerCentralMeridian((code - 4509) * 3);
}

/** The conversions of a supported EPSG code, or null for any other code. */
export function imageProjection(code: number): ImageProjection | null {
  if (!isSupportedImageCoordinateSystem(code)) return null;
  if (code === 4326 || code === 4490) return { geographic: true, toLonLat: (x, y) => [x, y], fromLonLat: (longitude, latitude) => [longitude, latitude] };
  let converter: proj4.Converter;
  if (code === 3857) {
    converter = proj4('EPSG:3857', 'EPSG:4326');
  } else {
    const system = transverseMercatorOf(code);
    if (system.kind !== 'transverseMercator') return null;
    converter = proj4(
      `+proj=tmerc +lat_0=${system.latitudeOfOrigin} +lon_0=${system.centralMeridian} +k=${system.scaleFactor} +x_0=${system.falseEasting} +y_0=${system.falseNorthing} +ellps=GRS80 +units=m +no_defs`,
      '+proj=longlat +ellps=GRS80 +no_defs',
    );
  }
  return {
    geographic: false,
    toLonLat: (x, y) => converter.forward([x, y]) as [number, number],
    fromLonLat: (longitude, latitude) => converter.inverse([longitude, latitude]) as [number, number],
  };
}
