/**
 * Building footprints inside a cluster: a type and a size drawn from the cluster's character, a
 * shape (mostly rotated rectangles, some L and T shapes, a few with a courtyard), fitted into one
 * cell or a block of free cells of the cluster grid with a margin, so neighbours never touch.
 */
import type { BuildingType } from '../domain/records';
import type { Cluster, ClusterCharacter } from './clusters';
import type { Point2 } from './local-frame';
import type { Random } from './random';

export interface Footprint {
  buildingType: BuildingType;
  /** Counter-clockwise outer ring, open, local metres. */
  outer: Point2[];
  /** Clockwise holes, open. */
  holes: Point2[][];
  centre: Point2;
}

/** Half the minimum gap between two buildings in neighbouring cells. */
const MARGIN_METERS = 1;
const MAXIMUM_CELLS_PER_SIDE: Record<ClusterCharacter, number> = { residential: 2, mixed: 2, industrial: 3 };

const TYPES: readonly BuildingType[] = ['住宅', '厂房', '仓库', '商铺', '附属用房', '其他'];
const TYPE_WEIGHTS: Record<ClusterCharacter, readonly number[]> = {
  residential: [56, 3, 8, 16, 14, 3],
  mixed: [34, 17, 15, 17, 13, 4],
  industrial: [4, 58, 25, 3, 7, 3],
};
/** Median area (m²), log-normal spread and clamp range of each building type. */
const SIZES: Record<BuildingType, { median: number; spread: number; minimum: number; maximum: number }> = {
  住宅: { median: 190, spread: 0.45, minimum: 50, maximum: 900 },
  厂房: { median: 650, spread: 0.65, minimum: 150, maximum: 2950 },
  仓库: { median: 320, spread: 0.6, minimum: 60, maximum: 2000 },
  商铺: { median: 150, spread: 0.5, minimum: 30, maximum: 700 },
  附属用房: { median: 55, spread: 0.55, minimum: 12, maximum: 250 },
  其他: { median: 90, spread: 0.7, minimum: 12, maximum: 500 },
};

type ShapeKind = 'rectangle' | 'l-shape' | 't-shape' | 'courtyard';

/** A shape of width w (along x) and height h centred on the origin; outer CCW, holes CW. */
function shape(kind: ShapeKind, w: number, h: number, random: Random): { outer: Point2[]; holes: Point2[][] } {
  const x = w / 2;
  const y = h / 2;
  switch (kind) {
    case 'rectangle':
      return { outer: [[-x, -y], [x, -y], [x, y], [-x, y]], holes: [] };
    case 'l-shape': {
      const notchW = w * random.range(0.35, 0.6);
      const notchH = h * random.range(0.35, 0.6);
      return { outer: [[-x, -y], [x, -y], [x, y - notchH], [x - notchW, y - notchH], [x - notchW, y], [-x, y]], holes: [] };
    }
    case 't-shape': {
      const stem = (w * random.range(0.35, 0.55)) / 2;
      const bar = h * random.range(0.35, 0.5);
      return {
        outer: [[-stem, -y], [stem, -y], [stem, y - bar], [x, y - bar], [x, y], [-x, y], [-x, y - bar], [-stem, y - bar]],
        holes: [],
      };
    }
    case 'courtyard': {
      const wall = Math.max(4, 0.25 * Math.min(w, h));
      const hx = x - wall;
      const hy = y - wall;
      return { outer: [[-x, -y], [x, -y], [x, y], [-x, y]], holes: [[[-hx, -hy], [-hx, hy], [hx, hy], [hx, -hy]]] };
    }
  }
}

/** Share of the bounding box a shape covers on average, to size the box for a target area. */
const FILL: Record<ShapeKind, number> = { rectangle: 1, 'l-shape': 0.77, 't-shape': 0.7, courtyard: 0.75 };

/** Courtyards (合院) are houses, shops and stores round a yard; factories are plain halls. */
const COURTYARD_TYPES: ReadonlySet<BuildingType> = new Set(['住宅', '商铺', '仓库']);

function pickShape(random: Random, buildingType: BuildingType, areaSquareMeters: number): ShapeKind {
  const roll = random.next();
  if (COURTYARD_TYPES.has(buildingType) && areaSquareMeters >= 250 && roll < 0.05) return 'courtyard';
  if (roll < 0.17 && areaSquareMeters >= 40 && areaSquareMeters <= 2200) return 'l-shape';
  if (roll < 0.24 && areaSquareMeters >= 60 && areaSquareMeters <= 2200) return 't-shape';
  return 'rectangle';
}

function rotate(point: Point2, angle: number): Point2 {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [point[0] * cos - point[1] * sin, point[0] * sin + point[1] * cos];
}

function extent(points: readonly Point2[]): [number, number] {
  const xs = points.map((point) => point[0]);
  const ys = points.map((point) => point[1]);
  return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}

/** Creates the planter of one cluster: each call of `next` places one more building, or returns null when full. */
export function createPlanter(random: Random, cluster: Cluster): { next(): Footprint | null } {
  const { grid, star, orientation, character } = cluster;
  const { side, half, usable, cellSizeMeters: size } = grid;
  const used = new Uint8Array(side * side);
  const order: { index: number; key: number }[] = [];
  const spread = cluster.kind === 'hamlet' ? 0 : cluster.kind === 'industrialBlock' ? 1.2 : 2.2;
  for (let index = 0; index < usable.length; index++) {
    if (usable[index] !== 1) continue;
    const u = (Math.floor(index / side) - half + 0.5) * size;
    const v = ((index % side) - half + 0.5) * size;
    const weight = Math.exp(-spread * ((u * u + v * v) / (star.maximumRadius * star.maximumRadius)));
    order.push({ index, key: Math.log(1 - random.next()) / weight });
  }
  order.sort((a, b) => b.key - a.key || a.index - b.index);
  let pointer = 0;
  const free = (i: number, j: number) => i >= 0 && j >= 0 && i < side && j < side && usable[i * side + j] === 1 && used[i * side + j] === 0;
  const blockFree = (i: number, j: number, across: number, up: number) => {
    for (let di = 0; di < across; di++) for (let dj = 0; dj < up; dj++) if (!free(i + di, j + dj)) return false;
    return true;
  };
  const maximumCells = MAXIMUM_CELLS_PER_SIDE[character];
  return {
    next() {
      while (pointer < order.length) {
        const cell = (order[pointer++] as { index: number }).index;
        if (used[cell] === 1) continue;
        const ci = Math.floor(cell / side);
        const cj = cell % side;
        const buildingType = random.weighted(TYPES, TYPE_WEIGHTS[character]);
        const sizes = SIZES[buildingType];
        const area = Math.min(sizes.maximum, Math.max(sizes.minimum, sizes.median * Math.exp(sizes.spread * random.normal())));
        const kind = pickShape(random, buildingType, area);
        const aspect = random.range(1, kind === 'rectangle' ? 2.2 : 1.6);
        let w = Math.sqrt((area * aspect) / FILL[kind]);
        let h = w / aspect;
        if (random.chance(0.5)) [w, h] = [h, w];
        const tilt = random.chance(0.3) ? random.range(-0.1, 0.1) : 0;
        const flip = random.chance(0.5) ? Math.PI : 0;
        const raw = shape(kind, w, h, random);
        const angle = tilt + flip;
        let [boxW, boxH] = extent(raw.outer.map((point) => rotate(point, angle)));
        let across = Math.min(maximumCells, Math.ceil((boxW + 2 * MARGIN_METERS) / size));
        let up = Math.min(maximumCells, Math.ceil((boxH + 2 * MARGIN_METERS) / size));
        const anchors = random.shuffle([[0, 0], [1 - across, 0], [0, 1 - up], [1 - across, 1 - up]] as const);
        let anchor = anchors.find(([di, dj]) => blockFree(ci + di, cj + dj, across, up));
        if (anchor === undefined) {
          across = 1;
          up = 1;
          anchor = [0, 0];
        }
        const roomW = across * size - 2 * MARGIN_METERS;
        const roomH = up * size - 2 * MARGIN_METERS;
        const scale = Math.min(1, roomW / boxW, roomH / boxH);
        boxW *= scale;
        boxH *= scale;
        const i0 = ci + anchor[0];
        const j0 = cj + anchor[1];
        for (let di = 0; di < across; di++) for (let dj = 0; dj < up; dj++) used[(i0 + di) * side + (j0 + dj)] = 1;
        const u = (i0 - half) * size + (across * size) / 2 + random.range(-0.5, 0.5) * (roomW - boxW);
        const v = (j0 - half) * size + (up * size) / 2 + random.range(-0.5, 0.5) * (roomH - boxH);
        const place = (point: Point2): Point2 => {
          const [pu, pv] = rotate(point, angle);
          const [x, y] = rotate([u + pu * scale, v + pv * scale], orientation);
          return [star.centre[0] + x, star.centre[1] + y];
        };
        return { buildingType, outer: raw.outer.map(place), holes: raw.holes.map((hole) => hole.map(place)), centre: place([0, 0]) };
      }
      return null;
    },
  };
}
