/**
 * Detects and converts source coordinates to CGCS2000 degrees: Gauss-Krüger / transverse Mercator
 * on the GRS80 ellipsoid and Web Mercator through proj4, GCJ-02 / BD-09 through gcoord (on copies:
 * gcoord changes its input in place), swapped latitude/longitude by exchanging the axes.
 */
import gcoord from 'gcoord';
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';
import { gaussKrugerThreeDegreeZone, type CoordinateSystem } from '../domain/coordinate-system';

const CHINA = { west: 73, east: 136, south: 3, north: 54 };
const inChina = ([x, y]: Position) => (x as number) >= CHINA.west && (x as number) <= CHINA.east && (y as number) >= CHINA.south && (y as number) <= CHINA.north;

export type Detection =
  | { kind: 'known'; system: CoordinateSystem }
  /** Projected metres whose system the numbers cannot tell (needs the user's choice). */
  | { kind: 'ambiguous'; reason: string };

/** Guesses the coordinate system from sample positions (all of them must agree). */
export function detectCoordinateSystem(positions: readonly Position[]): Detection {
  if (positions.length === 0) return { kind: 'known', system: { kind: 'geographic', name: 'CGCS2000 经纬度' } };
  const xs = positions.map((position) => position[0] as number);
  const ys = positions.map((position) => position[1] as number);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (Math.abs(minX) <= 180 && Math.abs(maxX) <= 180 && Math.abs(minY) <= 90 && Math.abs(maxY) <= 90) {
    return { kind: 'known', system: { kind: 'geographic', name: 'CGCS2000 经纬度' } };
  }
  if (minX >= 3 && maxX <= 54 && minY >= 73 && maxY <= 136) return { kind: 'known', system: { kind: 'swappedGeographic', name: '经纬度（纬度在前，已交换）' } };
  const zone = Math.floor(minX / 1e6);
  if (zone === Math.floor(maxX / 1e6) && zone >= 25 && zone <= 45 && minY > 0 && maxY < 6.5e6) {
    return { kind: 'known', system: gaussKrugerThreeDegreeZone(zone) };
  }
  if (minX > 1e5 && maxX < 9e5 && minY > 0 && maxY < 6.5e6) {
    return { kind: 'ambiguous', reason: '坐标为不带带号的投影坐标（米），无法确定中央经线，请选择坐标系' };
  }
  return { kind: 'ambiguous', reason: `坐标（${minX.toFixed(0)}, ${minY.toFixed(0)}）不是经纬度，也不像 CGCS2000 3 度带坐标，请选择坐标系` };
}

type PositionConverter = (position: Position) => Position;

function converterFor(system: CoordinateSystem): PositionConverter {
  switch (system.kind) {
    case 'geographic':
      return (position) => [position[0] as number, position[1] as number];
    case 'swappedGeographic':
      return (position) => [position[1] as number, position[0] as number];
    case 'webMercator': {
      const projection = proj4('EPSG:3857', 'EPSG:4326');
      return (position) => projection.forward([position[0] as number, position[1] as number]);
    }
    case 'transverseMercator': {
      const definition = `+proj=tmerc +lat_0=${system.latitudeOfOrigin} +lon_0=${system.centralMeridian} +k=${system.scaleFactor} +x_0=${system.falseEasting} +y_0=${system.falseNorthing} +ellps=GRS80 +units=m +no_defs`;
      const projection = proj4(definition, '+proj=longlat +ellps=GRS80 +no_defs');
      return (position) => projection.forward([position[0] as number, position[1] as number]);
    }
    case 'gcj02':
    case 'bd09': {
      const from = system.kind === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
      return (position) => gcoord.transform([position[0] as number, position[1] as number] as [number, number], from, gcoord.WGS84) as Position;
    }
  }
}

function mapGeometry(geometry: Geometry, convert: PositionConverter): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: convert(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(convert) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((line) => line.map(convert)) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(convert))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((member) => mapGeometry(member, convert)) };
  }
}

/** A converted copy of the geometry in CGCS2000 degrees; the input is not changed. */
export function toGeographic(geometry: Geometry, system: CoordinateSystem): Geometry {
  return mapGeometry(geometry, converterFor(system));
}

/** Whether converted sample positions land in China (a check that the chosen system is plausible). */
export function landsInChina(positions: readonly Position[], system: CoordinateSystem): boolean {
  const convert = converterFor(system);
  return positions.every((position) => inChina(convert(position)));
}
