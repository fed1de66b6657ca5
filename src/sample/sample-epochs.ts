/**
 * The sample imagery: two synthetic epochs (2025年11月 航拍 and 2026年11月 卫片) of a 2 km × 2 km
 * square around the densest cluster of the sample county, at 1 m per pixel, and the changes
 * planted between them — the ground truth that change detection is measured against.
 *
 * The scene: fields and village yards, rivers and roads from the base map, and the violations'
 * footprints as roofs. Planted changes: some violations that were demolished (已拆除) are on the
 * earlier image only (消失), and new buildings that are not in any record are on the later image
 * only (新增) — what a 卫片执法 check should find. Some of each are under 50 m². Other buildings are
 * drawn on both images whatever their record's status: the imagery is a test scene, not a
 * simulation of every record's lifecycle. Distractors that are not construction: seasonal colour
 * shifts of the fields, a brighter and tinted second acquisition, a sub-pixel misregistration and
 * cars that moved. Footprints of new buildings are drawn so that none is within ±20 % of 50 m²
 * (at 1 m per pixel one row of pixels of a 7 m × 7 m building is 14 % of it).
 *
 * Pure and seeded: `planSampleEpochs` decides everything; `epoch-rendering.ts` draws it.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Epoch, LonLatBounds } from '../domain/epochs';
import type { BuildingType, IndustrialBlock, VillageBlock, Violation } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { toLonLat, toPolygon, type Point2 } from './local-frame';
import { createRandom, type Random } from './random';

/** The square imaged, in the generator's local plane (metres east and north of 120.4°E 27.5°N). */
export const SAMPLE_EPOCH_AREA = { westMeters: 5700, southMeters: 1200, sizeMeters: 2000, metersPerPixel: 1 } as const;
export const SAMPLE_EPOCH_SEED = 20261120;

export const SAMPLE_EPOCH_IDS = ['epoch-2025-11', 'epoch-2026-11'] as const;
export type SampleEpochId = (typeof SAMPLE_EPOCH_IDS)[number];

export type PlantedChangeKind = '新增' | '消失';

export interface PlantedChangeProperties {
  change: PlantedChangeKind;
  areaSquareMeters: number;
  /** The violation record of a disappeared building; null for a new building (in no record). */
  violationId: string | null;
  buildingType: BuildingType;
}

export type PlantedChange = Feature<Polygon, PlantedChangeProperties> & { id: string };

/** A roof to draw: its footprint and on which epochs it stands. */
export interface SceneBuilding {
  id: string;
  geometry: Polygon | MultiPolygon;
  buildingType: BuildingType;
  /** Whether the building stands on [earlier, later]. */
  present: [boolean, boolean];
}

export interface SampleEpochScene {
  bounds: LonLatBounds;
  widthPixels: number;
  heightPixels: number;
  epochs: [Epoch, Epoch];
  buildings: SceneBuilding[];
  /** 城中村 and industrial blocks: drawn as built-up yards. */
  yards: { geometry: Polygon | MultiPolygon; industrial: boolean }[];
  roads: { line: Position[]; widthMeters: number; primary: boolean }[];
  rivers: { line: Position[]; widthMeters: number }[];
  planted: PlantedChange[];
  seed: number;
}

export interface SampleEpochInput {
  violations: readonly Violation[];
  villageBlocks: readonly VillageBlock[];
  industrialBlocks: readonly IndustrialBlock[];
  roads: FeatureCollection<LineString, { class: string }>;
  rivers: FeatureCollection<LineString, { widthMeters: number }>;
}

const DISAPPEARED = { large: 10, small: 4 };
const APPEARED = { large: 15, small: 5 };
const SMALL_RANGE: [number, number] = [18, 40];
const LARGE_RANGE: [number, number] = [60, 650];

function sceneBounds(): LonLatBounds {
  const { westMeters, southMeters, sizeMeters } = SAMPLE_EPOCH_AREA;
  const [west, south] = toLonLat([westMeters, southMeters]) as [number, number];
  const [east, north] = toLonLat([westMeters + sizeMeters, southMeters + sizeMeters]) as [number, number];
  return [west, south, east, north];
}

function sampleEpochs(bounds: LonLatBounds, size: number): [Epoch, Epoch] {
  const common = { resolutionMetersPerPixel: SAMPLE_EPOCH_AREA.metersPerPixel, bounds, imageKind: 'png' as const, widthPixels: size, heightPixels: size };
  return [
    { id: SAMPLE_EPOCH_IDS[0], name: '2025年11月 航拍（样例）', date: '2025-11-18', source: '航拍', ...common, bounds: [...bounds] },
    { id: SAMPLE_EPOCH_IDS[1], name: '2026年11月 卫片（样例）', date: '2026-11-12', source: '卫片', ...common, bounds: [...bounds] },
  ];
}

function outerRings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates[0] ?? []] : geometry.coordinates.map((polygon) => polygon[0] ?? []);
}

function boxOf(rings: readonly Position[][]): LonLatBounds {
  const box: LonLatBounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring as [number, number][]) {
      box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

function inside(box: LonLatBounds, bounds: LonLatBounds, marginDegrees: number): boolean {
  return box[0] > bounds[0] + marginDegrees && box[1] > bounds[1] + marginDegrees && box[2] < bounds[2] - marginDegrees && box[3] < bounds[3] - marginDegrees;
}

function overlaps(box: LonLatBounds, bounds: LonLatBounds): boolean {
  return box[0] < bounds[2] && box[2] > bounds[0] && box[1] < bounds[3] && box[3] > bounds[1];
}

/** Local metres of a position inside the scene (the local frame is affine, so this is exact up to rounding). */
function localOf(position: Position, bounds: LonLatBounds): Point2 {
  const { westMeters, southMeters, sizeMeters } = SAMPLE_EPOCH_AREA;
  return [
    westMeters + (((position[0] as number) - bounds[0]) / (bounds[2] - bounds[0])) * sizeMeters,
    southMeters + (((position[1] as number) - bounds[1]) / (bounds[3] - bounds[1])) * sizeMeters,
  ];
}

function distanceToSegment(point: Point2, a: Point2, b: Point2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(point[0] - (a[0] + t * dx), point[1] - (a[1] + t * dy));
}

function wasDemolished(violation: Violation): boolean {
  return violation.properties.statusDates['已拆除'] !== undefined;
}

/** Violations that vanish: demolished ones, large and small, chosen by the seed. */
function chooseDisappeared(random: Random, candidates: readonly Violation[]): Violation[] {
  const demolished = random.shuffle(candidates.filter((violation) => violation.geometry.type === 'Polygon' && wasDemolished(violation)));
  const large = demolished.filter((violation) => violation.properties.areaSquareMeters >= 60).slice(0, DISAPPEARED.large);
  const small = demolished.filter((violation) => violation.properties.areaSquareMeters <= 40).slice(0, DISAPPEARED.small);
  return [...large, ...small];
}

/** A rectangle (or an L) of about `area` m² at `centre`, rotated, as an open ring in local metres. */
function newFootprint(random: Random, centre: Point2, area: number): Point2[] {
  const aspect = random.range(1, 2.2);
  const width = Math.sqrt(area / aspect);
  const length = width * aspect;
  const angle = random.range(0, Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const lShape = area > 150 && random.chance(0.3);
  // An L keeps its area: the notch taken from one corner is added back along the long side.
  const notch = lShape ? 0.4 : 0;
  const stretch = 1 / Math.sqrt(1 - notch * notch);
  const halfLength = (length * stretch) / 2;
  const halfWidth = (width * stretch) / 2;
  const local: Point2[] = lShape
    ? [[-halfLength, -halfWidth], [halfLength, -halfWidth], [halfLength, halfWidth - 2 * halfWidth * notch], [halfLength - 2 * halfLength * notch, halfWidth - 2 * halfWidth * notch], [halfLength - 2 * halfLength * notch, halfWidth], [-halfLength, halfWidth]]
    : [[-halfLength, -halfWidth], [halfLength, -halfWidth], [halfLength, halfWidth], [-halfLength, halfWidth]];
  return local.map(([x, y]) => [centre[0] + x * cos - y * sin, centre[1] + x * sin + y * cos]);
}

interface Obstacles {
  boxes: [number, number, number, number][];
  lines: { points: Point2[]; clearance: number }[];
}

function isFree(ring: readonly Point2[], obstacles: Obstacles, marginMeters: number): boolean {
  const xs = ring.map((point) => point[0]);
  const ys = ring.map((point) => point[1]);
  const box = [Math.min(...xs) - marginMeters, Math.min(...ys) - marginMeters, Math.max(...xs) + marginMeters, Math.max(...ys) + marginMeters];
  if (obstacles.boxes.some((other) => other[0] < (box[2] as number) && other[2] > (box[0] as number) && other[1] < (box[3] as number) && other[3] > (box[1] as number))) return false;
  const centre: Point2 = [((box[0] as number) + (box[2] as number)) / 2, ((box[1] as number) + (box[3] as number)) / 2];
  const radius = Math.hypot((box[2] as number) - (box[0] as number), (box[3] as number) - (box[1] as number)) / 2;
  return obstacles.lines.every(({ points, clearance }) => points.every((point, index) => index === 0 || distanceToSegment(centre, points[index - 1] as Point2, point) > clearance + radius));
}

function plantNewBuildings(random: Random, obstacles: Obstacles): { ring: Point2[]; area: number; buildingType: BuildingType }[] {
  const { westMeters, southMeters, sizeMeters } = SAMPLE_EPOCH_AREA;
  const planted: { ring: Point2[]; area: number; buildingType: BuildingType }[] = [];
  const wanted = [...Array.from({ length: APPEARED.large }, () => LARGE_RANGE), ...Array.from({ length: APPEARED.small }, () => SMALL_RANGE)];
  for (const [minimum, maximum] of wanted) {
    for (let attempt = 0; attempt < 400; attempt++) {
      const area = Math.exp(random.range(Math.log(minimum), Math.log(maximum)));
      const centre: Point2 = [westMeters + random.range(60, sizeMeters - 60), southMeters + random.range(60, sizeMeters - 60)];
      const ring = newFootprint(random, centre, area);
      if (!isFree(ring, obstacles, 6)) continue;
      const xs = ring.map((point) => point[0]);
      const ys = ring.map((point) => point[1]);
      obstacles.boxes.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      planted.push({ ring, area, buildingType: area >= 300 ? '厂房' : area < 45 ? '附属用房' : random.pick(['住宅', '仓库', '商铺'] as const) });
      break;
    }
  }
  return planted;
}

function localObstacles(violations: readonly Violation[], input: SampleEpochInput, bounds: LonLatBounds): Obstacles {
  const boxes = violations.map((violation) => {
    const [west, south, east, north] = boxOf(outerRings(violation.geometry));
    const [x0, y0] = localOf([west, south], bounds);
    const [x1, y1] = localOf([east, north], bounds);
    return [x0, y0, x1, y1] as [number, number, number, number];
  });
  const lines = [
    ...input.roads.features.map((road) => ({ points: road.geometry.coordinates.map((position) => localOf(position, bounds)), clearance: (road.properties.class === 'primary' ? 7 : 4) + 6 })),
    ...input.rivers.features.map((river) => ({ points: river.geometry.coordinates.map((position) => localOf(position, bounds)), clearance: river.properties.widthMeters / 2 + 6 })),
  ];
  return { boxes, lines };
}

/** Everything the two sample epochs show, and the planted changes, from the sample county. */
export function planSampleEpochs(input: SampleEpochInput): SampleEpochScene {
  const random = createRandom(SAMPLE_EPOCH_SEED);
  const bounds = sceneBounds();
  const size = Math.round(SAMPLE_EPOCH_AREA.sizeMeters / SAMPLE_EPOCH_AREA.metersPerPixel);
  const marginDegrees = (bounds[3] - bounds[1]) * 0.01;
  const shown = input.violations.filter((violation) => overlaps(boxOf(outerRings(violation.geometry)), bounds));
  const candidates = shown.filter((violation) => inside(boxOf(outerRings(violation.geometry)), bounds, marginDegrees));
  const disappeared = new Set(chooseDisappeared(random.fork(), candidates).map((violation) => violation.id));
  const appeared = plantNewBuildings(random.fork(), localObstacles(shown, input, bounds));
  const buildings: SceneBuilding[] = shown.map((violation) => ({
    id: violation.id, geometry: violation.geometry, buildingType: violation.properties.buildingType, present: [true, !disappeared.has(violation.id)],
  }));
  const planted: PlantedChange[] = shown.filter((violation) => disappeared.has(violation.id)).map((violation) => ({
    type: 'Feature', id: `planted-${violation.id}`, geometry: violation.geometry as Polygon,
    properties: { change: '消失', areaSquareMeters: violation.properties.areaSquareMeters, violationId: violation.id, buildingType: violation.properties.buildingType },
  }));
  appeared.forEach((building, index) => {
    const id = `planted-new-${String(index + 1).padStart(2, '0')}`;
    const geometry = toPolygon(building.ring);
    buildings.push({ id, geometry, buildingType: building.buildingType, present: [false, true] });
    planted.push({ type: 'Feature', id, geometry, properties: { change: '新增', areaSquareMeters: ellipsoidalAreaSquareMeters(geometry), violationId: null, buildingType: building.buildingType } });
  });
  const clip = (geometry: Polygon | MultiPolygon) => overlaps(boxOf(outerRings(geometry)), bounds);
  return {
    bounds, widthPixels: size, heightPixels: size, epochs: sampleEpochs(bounds, size), buildings,
    yards: [
      ...input.villageBlocks.filter((block) => clip(block.geometry)).map((block) => ({ geometry: block.geometry, industrial: false })),
      ...input.industrialBlocks.filter((block) => clip(block.geometry)).map((block) => ({ geometry: block.geometry, industrial: true })),
    ],
    roads: input.roads.features.map((road) => ({ line: road.geometry.coordinates, widthMeters: road.properties.class === 'primary' ? 14 : 8, primary: road.properties.class === 'primary' })),
    rivers: input.rivers.features.map((river) => ({ line: river.geometry.coordinates, widthMeters: river.properties.widthMeters })),
    planted,
    seed: SAMPLE_EPOCH_SEED,
  };
}

/** The planted changes as GeoJSON (data/epochs/planted-changes.geojson), styled for any GeoJSON viewer. */
export function plantedChangesCollection(scene: SampleEpochScene): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: scene.planted.map((change) => ({
      ...change,
      properties: { ...change.properties, stroke: change.properties.change === '新增' ? '#d32f2f' : '#1976d2', fill: change.properties.change === '新增' ? '#d32f2f' : '#1976d2' },
    })),
  };
}
