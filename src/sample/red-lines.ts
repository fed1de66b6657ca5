/**
 * Planning control lines (规划控制线) of the sample county, placed so that a new user sees the
 * control-line check at work: a 生态保护红线 across the 建 parcel of the first planned zone (the
 * check fails), a 永久基本农田 patch on the 耕 parcel of another (allowed: it passes), a 河道蓝线
 * strip across a third planned zone and a 城镇开发边界外 area over an unplanned zone. Shapes are
 * rounded ellipses and strips around the parcels' extents, reaching beyond the zones.
 */
import { booleanIntersects, pointOnFeature } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { LandUseClass, LandUseParcel } from '../domain/land-use';
import type { Zone } from '../domain/records';
import type { RedLine, RedLineType } from '../domain/red-lines';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { geometryBoundingBox } from '../geo/spatial-index';

const SOURCE = '《苍南县国土空间总体规划（2021—2035年）》（样例，虚构）';
/** Coordinates are stored with 7 decimals (about 1 cm). */
const round = (value: number) => Math.round(value * 1e7) / 1e7;

/** A ring of `vertexCount` points on the ellipse (counter-clockwise, closed). */
function ellipse(center: Position, radiusX: number, radiusY: number, vertexCount = 28): Polygon {
  const ring: Position[] = [];
  for (let index = 0; index < vertexCount; index++) {
    const angle = (2 * Math.PI * index) / vertexCount;
    // A little waviness so the line does not look machine-drawn.
    const wobble = 1 + 0.08 * Math.sin(3 * angle) + 0.04 * Math.cos(5 * angle);
    ring.push([round((center[0] as number) + radiusX * wobble * Math.cos(angle)), round((center[1] as number) + radiusY * wobble * Math.sin(angle))]);
  }
  return { type: 'Polygon', coordinates: [[...ring, ring[0] as Position]] };
}

function strip(west: number, south: number, east: number, north: number): Polygon {
  const ring: Position[] = [[west, south], [east, south], [east, north], [west, north], [west, south]].map(([x, y]) => [round(x as number), round(y as number)]);
  return { type: 'Polygon', coordinates: [ring] };
}

function redLine(id: string, name: string, lineType: RedLineType, geometry: Polygon): RedLine {
  return { type: 'Feature', id, geometry, properties: { name, lineType, source: SOURCE, areaSquareMeters: ellipsoidalAreaSquareMeters(geometry) } };
}

function parcelOf(parcels: readonly LandUseParcel[], zoneId: string, landUseClass: LandUseClass): LandUseParcel | undefined {
  return parcels.find((parcel) => parcel.properties.zoneId === zoneId && parcel.properties.landUseClass === landUseClass);
}

export function createRedLines(zones: readonly Zone[], parcels: readonly LandUseParcel[]): RedLine[] {
  const planned = zones.filter((zone) => parcels.some((parcel) => parcel.properties.zoneId === zone.id));
  const unplanned = zones.filter((zone) => !planned.includes(zone));
  const lines: RedLine[] = [];

  const first = planned[0];
  const construction = first && parcelOf(parcels, first.id, '建');
  if (construction) {
    // Centred on the east edge of the 建 parcel: about a third of it lies on the line.
    const [west, south, east, north] = geometryBoundingBox(construction.geometry);
    lines.push(redLine('red-line-1', '玉苍山生态保护红线（局部）', '生态保护红线', ellipse([east, (south + north) / 2], (east - west) * 0.45, (north - south) * 0.7)));
  }

  const second = planned[2] ?? planned[1];
  const farmland = second && parcelOf(parcels, second.id, '耕');
  if (farmland) {
    // Round a point inside the 耕 parcel, small enough to stay on 耕 (基本农田 allows farmland).
    const [west, south, east, north] = geometryBoundingBox(farmland.geometry);
    const inside = pointOnFeature(farmland).geometry.coordinates;
    const others = parcels.filter((parcel) => parcel.properties.zoneId === second.id && parcel.id !== farmland.id);
    const shapes = [0.12, 0.08, 0.05, 0.03, 0.02].map((factor) => ellipse(inside, (east - west) * factor, (north - south) * factor));
    const shape = shapes.find((candidate) => !others.some((other) => booleanIntersects(candidate, other.geometry))) ?? (shapes[shapes.length - 1] as Polygon);
    lines.push(redLine('red-line-2', '江南垟永久基本农田保护片', '永久基本农田', shape));
  }

  const third = planned[4] ?? planned[3];
  if (third) {
    // A 40 m wide river corridor across the zone, west to east, reaching 200 m beyond it.
    const [west, south, east, north] = geometryBoundingBox(third.geometry);
    const middle = (south + north) / 2;
    const halfWidth = 20 / 110_800;
    const reach = 200 / 98_000;
    lines.push(redLine('red-line-3', '横阳支江河道蓝线', '河道蓝线', strip(west - reach, middle - halfWidth, east + reach, middle + halfWidth)));
  }

  const outside = unplanned[0];
  if (outside) {
    const [west, south, east, north] = geometryBoundingBox(outside.geometry);
    lines.push(redLine('red-line-4', '城镇开发边界外（农业空间）', '城镇开发边界外', ellipse([west, south], (east - west) * 0.6, (north - south) * 0.6)));
  }
  return lines;
}
