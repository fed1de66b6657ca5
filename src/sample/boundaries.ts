/**
 * The administrative boundaries: an irregular county outline (~30 × 25 km) partitioned into the
 * seven townships by a Voronoi diagram of their centres, and each township partitioned into its
 * villages by a Voronoi diagram of village seats. Voronoi cells are convex, so they are built
 * exactly by half-plane clipping; Turf only intersects them with the (non-convex) outline.
 */
import { featureCollection, intersect, polygon as turfPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry, Township, Village } from '../domain/records';
import {
  distanceToRing,
  pointInRing,
  starRing,
  toPolygon,
  type Point2,
  type Ring2,
} from './local-frame';
import { COUNTY_CODE, TOWNSHIP_SEEDS, villageNamesByTownship } from './names';
import type { Random } from './random';

/** An area in the local plane: polygons, each an outer ring followed by its holes (open rings). */
export type LocalArea = readonly (readonly Ring2[])[];

export interface LocalTownship {
  record: Township;
  area: LocalArea;
  centre: Point2;
  urbanity: number;
}

export interface LocalVillage {
  record: Village;
  area: LocalArea;
  /** The village seat (its Voronoi seed), well inside the village. */
  seat: Point2;
  townshipIndex: number;
  /** Rank by distance from the township centre (0 = the seat village of the township). */
  rank: number;
}

export interface Boundaries {
  outline: Ring2;
  townships: LocalTownship[];
  villages: LocalVillage[];
}

const MINIMUM_PIECE_SQUARE_METERS = 100;

export function pointInArea(point: Point2, area: LocalArea): boolean {
  return area.some(([outer, ...holes]) => outer !== undefined && pointInRing(point, outer) && !holes.some((hole) => pointInRing(point, hole)));
}

export function distanceToAreaBoundary(point: Point2, area: LocalArea): number {
  let best = Infinity;
  for (const rings of area) for (const ring of rings) best = Math.min(best, distanceToRing(point, ring));
  return best;
}

export function areaBoundingBox(area: LocalArea): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of area) {
    for (const [x, y] of rings[0] ?? []) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

export function areaToGeometry(area: LocalArea): AreaGeometry {
  const polygons = area.map(([outer, ...holes]) => toPolygon(outer as Ring2, holes).coordinates);
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0] as Position[][] };
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** Keeps the side of `subject` (convex, open ring) nearer `keep` than `other` (Sutherland–Hodgman). */
function clipToBisector(subject: Ring2, keep: Point2, other: Point2): Ring2 {
  const normal: Point2 = [other[0] - keep[0], other[1] - keep[1]];
  const middle: Point2 = [(keep[0] + other[0]) / 2, (keep[1] + other[1]) / 2];
  const side = (point: Point2) => (point[0] - middle[0]) * normal[0] + (point[1] - middle[1]) * normal[1];
  const result: Point2[] = [];
  subject.forEach((current, index) => {
    const next = subject[(index + 1) % subject.length] as Point2;
    const currentSide = side(current);
    const nextSide = side(next);
    if (currentSide <= 0) result.push(current);
    if ((currentSide < 0 && nextSide > 0) || (currentSide > 0 && nextSide < 0)) {
      const t = currentSide / (currentSide - nextSide);
      result.push([current[0] + t * (next[0] - current[0]), current[1] + t * (next[1] - current[1])]);
    }
  });
  return result;
}

function closed(ring: Ring2): Position[] {
  const positions = ring.map(([x, y]) => [x, y]);
  positions.push([ring[0]?.[0] as number, ring[0]?.[1] as number]);
  return positions;
}

/** The Voronoi cell of `seeds[index]` intersected with `clip`. */
function voronoiCell(seeds: readonly Point2[], index: number, clip: LocalArea): LocalArea {
  const seed = seeds[index] as Point2;
  const reach = 60000;
  let cell: Ring2 = [
    [seed[0] - reach, seed[1] - reach],
    [seed[0] + reach, seed[1] - reach],
    [seed[0] + reach, seed[1] + reach],
    [seed[0] - reach, seed[1] + reach],
  ];
  seeds.forEach((other, otherIndex) => {
    if (otherIndex !== index) cell = clipToBisector(cell, seed, other);
  });
  const clipPolygons = clip.map((rings) => turfPolygon(rings.map(closed)));
  const pieces: Ring2[][] = [];
  for (const clipPolygon of clipPolygons) {
    const result = intersect(featureCollection([turfPolygon([closed(cell)]), clipPolygon]));
    if (result === null) continue;
    const geometry = result.geometry as Polygon | MultiPolygon;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const rings of polygons) {
      const local = rings.map((ring) => ring.slice(0, -1).map(([x, y]) => [x, y] as Point2));
      if (Math.abs(planarArea(local)) >= MINIMUM_PIECE_SQUARE_METERS) pieces.push(local);
    }
  }
  return pieces;
}

function planarArea(rings: readonly Ring2[]): number {
  return rings.reduce((sum, ring, index) => {
    let twice = 0;
    ring.forEach((point, pointIndex) => {
      const next = ring[(pointIndex + 1) % ring.length] as Point2;
      twice += point[0] * next[1] - next[0] * point[1];
    });
    return sum + (index === 0 ? 1 : -1) * Math.abs(twice / 2);
  }, 0);
}

export function localAreaSquareMeters(area: LocalArea): number {
  return area.reduce((sum, rings) => sum + planarArea(rings), 0);
}

function countyOutline(random: Random): Ring2 {
  for (let attempt = 0; ; attempt++) {
    const outline = starRing(random.next, {
      centre: [3500, -300],
      meanRadius: 12800 + 200 * attempt,
      vertexCount: 72,
      roughness: 0.08,
      elongation: 1.1,
      rotation: 0.1,
    });
    const fits = TOWNSHIP_SEEDS.every((seed) => pointInRing(seed.centre, outline.ring) && distanceToRing(seed.centre, outline.ring) > 2500);
    if (fits) return outline.ring;
  }
}

/** Village seats: the seat village near the township centre, the rest spread by dart throwing. */
function villageSeats(random: Random, township: LocalTownship, count: number): Point2[] {
  const box = areaBoundingBox(township.area);
  let spacing = 0.85 * Math.sqrt(localAreaSquareMeters(township.area) / count);
  const seats: Point2[] = [township.centre];
  for (let named = 1; named < 2 && seats.length < count; named++) {
    const angle = random.range(0, 2 * Math.PI);
    seats.push([township.centre[0] + 1600 * Math.cos(angle), township.centre[1] + 1600 * Math.sin(angle)]);
  }
  while (seats.length < count) {
    let placed = false;
    for (let attempt = 0; attempt < 400 && !placed; attempt++) {
      const candidate: Point2 = [random.range(box[0], box[2]), random.range(box[1], box[3])];
      if (!pointInArea(candidate, township.area) || distanceToAreaBoundary(candidate, township.area) < spacing * 0.35) continue;
      if (seats.some((seat) => Math.hypot(seat[0] - candidate[0], seat[1] - candidate[1]) < spacing)) continue;
      seats.push(candidate);
      placed = true;
    }
    if (!placed) spacing *= 0.92;
  }
  const distance = (seat: Point2) => Math.hypot(seat[0] - township.centre[0], seat[1] - township.centre[1]);
  return [...seats.slice(0, 2), ...seats.slice(2).sort((a, b) => distance(a) - distance(b))];
}

export function generateBoundaries(random: Random): Boundaries {
  const outline = countyOutline(random);
  const centres = TOWNSHIP_SEEDS.map((seed) => seed.centre);
  const townships: LocalTownship[] = TOWNSHIP_SEEDS.map((seed, index) => {
    const area = voronoiCell(centres, index, [[outline]]);
    const record: Township = {
      type: 'Feature',
      id: `township-${String(index + 1).padStart(2, '0')}`,
      geometry: areaToGeometry(area),
      properties: { name: seed.name, code: `${COUNTY_CODE}${100 + index}` },
    };
    return { record, area, centre: seed.centre, urbanity: seed.urbanity };
  });
  const names = villageNamesByTownship(random);
  const villages: LocalVillage[] = [];
  townships.forEach((township, townshipIndex) => {
    const villageNames = names[townshipIndex] as string[];
    const seats = villageSeats(random, township, villageNames.length);
    seats.forEach((seat, seatIndex) => {
      const area = voronoiCell(seats, seatIndex, township.area);
      const households = Math.round(random.range(400, 1400) * (1 + 1.5 * township.urbanity) * (seatIndex < 3 ? 1.5 : 1));
      villages.push({
        record: {
          type: 'Feature',
          id: `village-${String(villages.length + 1).padStart(3, '0')}`,
          geometry: areaToGeometry(area),
          properties: { name: villageNames[seatIndex] as string, townshipId: township.record.id, households },
        },
        area,
        seat,
        townshipIndex,
        rank: seatIndex,
      });
    });
  });
  return { outline, townships, villages };
}
