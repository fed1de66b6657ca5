/**
 * Clusters: the places where violations bunch up — 城中村 blocks, industrial blocks, village
 * centres, extra built-up patches (for big counties) and small hamlets. Each cluster is a
 * star-shaped outline inside a disc that lies wholly inside one village and is disjoint from every
 * other cluster's disc, so buildings of different clusters never meet and every building is inside
 * its village. Inside a cluster buildings sit on a rotated grid of cells, one building per cell or
 * per block of cells, which keeps them apart by construction.
 */
import { distanceToAreaBoundary, pointInArea, type LocalVillage } from './boundaries';
import type { Obstacle } from './base-map';
import { distanceToPolyline, pointInRing, ringSignedArea, starRing, type Point2, type StarRing } from './local-frame';
import type { Random } from './random';

export type ClusterKind = 'villageBlock' | 'industrialBlock' | 'villageCentre' | 'extra' | 'hamlet';
/** What is built there: drives building types, sizes and cell size. */
export type ClusterCharacter = 'residential' | 'industrial' | 'mixed';

export interface CellGrid {
  cellSizeMeters: number;
  /** Cells per side; cell (i, j) with i, j in [0, side) covers u ∈ [(i − half)·s, (i − half + 1)·s]. */
  side: number;
  half: number;
  /** 1 where the cell lies inside the outline and clear of roads and rivers. */
  usable: Uint8Array;
  usableCount: number;
}

export interface Cluster {
  kind: ClusterKind;
  character: ClusterCharacter;
  star: StarRing;
  villageIndex: number;
  townshipIndex: number;
  /** Grid rotation in radians (the street direction). */
  orientation: number;
  grid: CellGrid;
  /** Buildings the grid can take at most (cells / cells per building, times a fill ceiling). */
  capacity: number;
}

export const CELL_SIZE_METERS: Record<ClusterCharacter, number> = { residential: 20, mixed: 24, industrial: 30 };
const CELLS_PER_BUILDING: Record<ClusterCharacter, number> = { residential: 1.3, mixed: 1.5, industrial: 1.9 };
const FILL_CEILING = 0.6;
const DISC_GAP_METERS = 25;
const BOUNDARY_MARGIN_METERS = 8;

/** Scales a star ring about its centre so that its planar area is `areaSquareMeters`. */
export function scaleStarToArea(star: StarRing, areaSquareMeters: number): StarRing {
  const factor = Math.sqrt(areaSquareMeters / Math.abs(ringSignedArea(star.ring)));
  const [cx, cy] = star.centre;
  return {
    centre: star.centre,
    ring: star.ring.map(([x, y]) => [cx + (x - cx) * factor, cy + (y - cy) * factor] as Point2),
    maximumRadius: star.maximumRadius * factor,
    inscribedRadius: star.inscribedRadius * factor,
  };
}

function buildGrid(star: StarRing, orientation: number, cellSizeMeters: number, obstacles: readonly Obstacle[]): CellGrid {
  const half = Math.ceil(star.maximumRadius / cellSizeMeters) + 1;
  const side = 2 * half;
  const usable = new Uint8Array(side * side);
  const cos = Math.cos(orientation);
  const sin = Math.sin(orientation);
  const [cx, cy] = star.centre;
  const toLocal = (u: number, v: number): Point2 => [cx + u * cos - v * sin, cy + u * sin + v * cos];
  const near = obstacles.filter((obstacle) => distanceToPolyline(star.centre, obstacle.line) < star.maximumRadius + obstacle.clearanceMeters + cellSizeMeters);
  const cornerInside = new Uint8Array((side + 1) * (side + 1));
  for (let i = 0; i <= side; i++) {
    for (let j = 0; j <= side; j++) {
      cornerInside[i * (side + 1) + j] = pointInRing(toLocal((i - half) * cellSizeMeters, (j - half) * cellSizeMeters), star.ring) ? 1 : 0;
    }
  }
  let usableCount = 0;
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const corners = [i * (side + 1) + j, (i + 1) * (side + 1) + j, i * (side + 1) + j + 1, (i + 1) * (side + 1) + j + 1];
      if (!corners.every((corner) => cornerInside[corner] === 1)) continue;
      const centre = toLocal((i - half + 0.5) * cellSizeMeters, (j - half + 0.5) * cellSizeMeters);
      if (near.some((obstacle) => distanceToPolyline(centre, obstacle.line) < obstacle.clearanceMeters + 0.71 * cellSizeMeters)) continue;
      usable[i * side + j] = 1;
      usableCount++;
    }
  }
  return { cellSizeMeters, side, half, usable, usableCount };
}

export interface ClusterRequest {
  kind: ClusterKind;
  character: ClusterCharacter;
  village: LocalVillage;
  villageIndex: number;
  areaSquareMeters: number;
  /** The placer shrinks the outline when it does not fit, down to this area. */
  minimumAreaSquareMeters: number;
  /** Look near the village seat first (blocks and village centres). */
  nearSeat: boolean;
}

/**
 * Places clusters inside villages without overlapping earlier ones. `discsByVillage` holds the
 * discs placed so far per village (discs of different villages can't meet: each lies inside its
 * village with a margin).
 */
export class ClusterPlacer {
  private readonly discsByVillage = new Map<number, { centre: Point2; radius: number }[]>();

  constructor(
    private readonly random: Random,
    private readonly obstacles: readonly Obstacle[],
  ) {}

  /** The cluster, or null when no free spot of (nearly) that size exists in the village. */
  place(request: ClusterRequest): Cluster | null {
    const { village } = request;
    const discs = this.discsByVillage.get(request.villageIndex) ?? [];
    const box = boundingBox(village);
    const spread = Math.sqrt((box[2] - box[0]) * (box[3] - box[1])) / 4;
    let area = request.areaSquareMeters;
    for (; area >= request.minimumAreaSquareMeters; area *= 0.85) {
      for (let attempt = 0; attempt < 40; attempt++) {
        const centre: Point2 = request.nearSeat && attempt < 25
          ? [village.seat[0] + this.random.normal() * spread * (attempt / 25), village.seat[1] + this.random.normal() * spread * (attempt / 25)]
          : [this.random.range(box[0], box[2]), this.random.range(box[1], box[3])];
        if (!pointInArea(centre, village.area)) continue;
        const shape = starRing(this.random.next, {
          centre,
          meanRadius: 1,
          vertexCount: request.kind === 'hamlet' ? 8 : this.random.integer(10, 16),
          roughness: request.kind === 'hamlet' ? 0.15 : 0.22,
          elongation: this.random.range(1, 1.5),
          rotation: this.random.range(0, Math.PI),
        });
        const star = scaleStarToArea(shape, area);
        if (distanceToAreaBoundary(centre, village.area) < star.maximumRadius + BOUNDARY_MARGIN_METERS) continue;
        if (discs.some((disc) => Math.hypot(disc.centre[0] - centre[0], disc.centre[1] - centre[1]) < disc.radius + star.maximumRadius + DISC_GAP_METERS)) continue;
        discs.push({ centre, radius: star.maximumRadius });
        this.discsByVillage.set(request.villageIndex, discs);
        const orientation = this.random.range(0, Math.PI / 2);
        const grid = buildGrid(star, orientation, CELL_SIZE_METERS[request.character], this.obstacles);
        const capacity = Math.floor((FILL_CEILING * grid.usableCount) / CELLS_PER_BUILDING[request.character]);
        return {
          kind: request.kind,
          character: request.character,
          star,
          villageIndex: request.villageIndex,
          townshipIndex: village.townshipIndex,
          orientation,
          grid,
          capacity,
        };
      }
    }
    return null;
  }
}

function boundingBox(village: LocalVillage): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of village.area[0]?.[0] ?? []) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/**
 * How many violations each cluster gets: proportional to `weight × capacity`, capped at capacity
 * (water-filling by bisection on the proportionality factor), integers summing to `total`.
 */
export function allocateCounts(clusters: readonly Cluster[], weights: readonly number[], total: number): number[] {
  const capacities = clusters.map((cluster) => cluster.capacity);
  const totalCapacity = capacities.reduce((sum, capacity) => sum + capacity, 0);
  if (totalCapacity < total) throw new RangeError(`allocateCounts: capacity ${totalCapacity} < ${total}`);
  const shares = clusters.map((cluster, index) => (weights[index] ?? 0) * cluster.capacity);
  const filled = (factor: number) => shares.map((share, index) => Math.min(share * factor, capacities[index] as number));
  let low = 0;
  let high = 1;
  while (filled(high).reduce((sum, value) => sum + value, 0) < total) high *= 2;
  for (let iteration = 0; iteration < 60; iteration++) {
    const middle = (low + high) / 2;
    if (filled(middle).reduce((sum, value) => sum + value, 0) < total) low = middle;
    else high = middle;
  }
  const exact = filled(high);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((sum, value) => sum + value, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    if ((counts[index] as number) < (capacities[index] as number)) {
      counts[index] = (counts[index] as number) + 1;
      missing--;
    }
  }
  return counts;
}
