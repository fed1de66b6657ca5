/**
 * Coordinate systems data arrives in (DOMAIN.md, conventions): geographic CGCS2000/WGS84 degrees,
 * CGCS2000 Gauss-Krüger (transverse Mercator) metres, Web Mercator metres, and the offset
 * web-map systems GCJ-02 (Gaode/Tencent) and BD-09 (Baidu). Everything is stored as CGCS2000
 * degrees (treated as WGS84).
 */
export type CoordinateSystem =
  | { kind: 'geographic'; name: string }
  | { kind: 'swappedGeographic'; name: string }
  | { kind: 'transverseMercator'; name: string; centralMeridian: number; falseEasting: number; falseNorthing: number; scaleFactor: number; latitudeOfOrigin: number }
  | { kind: 'webMercator'; name: string }
  | { kind: 'gcj02'; name: string }
  | { kind: 'bd09'; name: string };

/** CGCS2000 3-degree Gauss-Krüger zone with its zone number in the easting (e.g. zone 40 → 120°E). */
export function gaussKrugerThreeDegreeZone(zone: number): CoordinateSystem {
  return { kind: 'transverseMercator', name: `CGCS2000 3度带 第${zone}带（中央经线 ${zone * 3}°E，带号）`, centralMeridian: zone * 3, falseEasting: zone * 1e6 + 500000, falseNorthing: 0, scaleFactor: 1, latitudeOfOrigin: 0 };
}

/** CGCS2000 3-degree Gauss-Krüger without the zone number in the easting (false easting 500 km). */
export function gaussKrugerCentralMeridian(centralMeridian: number): CoordinateSystem {
  return { kind: 'transverseMercator', name: `CGCS2000 高斯-克吕格（中央经线 ${centralMeridian}°E）`, centralMeridian, falseEasting: 500000, falseNorthing: 0, scaleFactor: 1, latitudeOfOrigin: 0 };
}

export function describeCoordinateSystem(system: CoordinateSystem): string {
  return system.name;
}
