/**
 * Draws one sample epoch (see `sample-epochs.ts`) into 8-bit RGB pixels, deterministically:
 * ground (fields with ridges and a smooth texture, village and industrial yards), rivers, roads,
 * cars and roofs. Edges are anti-aliased: polygons by scanline coverage (exact across a row, four
 * sub-rows per pixel), lines by distance to their centre line. The later epoch is drawn a fraction
 * of a pixel off (misregistration), with the fields' seasonal colours shifted, and its radiometry
 * brightened and tinted at the end.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BuildingType } from '../domain/records';
import type { SampleEpochScene } from './sample-epochs';
import { createRandom } from './random';

type Rgb = [number, number, number];

interface EpochLook {
  /** Shift of everything drawn, in pixels (x east, y south). */
  shift: [number, number];
  /** Final per-band gain and offset. */
  gain: Rgb;
  offset: Rgb;
  /** Strength of the fields' seasonal colour change (0 on the earlier epoch). */
  season: number;
  carSeed: number;
}

const LOOKS: [EpochLook, EpochLook] = [
  { shift: [0, 0], gain: [1, 1, 1], offset: [0, 0, 0], season: 0, carSeed: 11 },
  { shift: [0.35, -0.3], gain: [1.07, 1.05, 1.02], offset: [-4, -2, 3], season: 1, carSeed: 29 },
];

const FIELD_COLOURS: Rgb[] = [[96, 128, 72], [78, 110, 62], [148, 126, 96], [128, 124, 84], [110, 132, 78], [160, 140, 104]];
const RIDGE: Rgb = [170, 160, 130];
const YARD: Rgb = [150, 142, 130];
const INDUSTRIAL_YARD: Rgb = [166, 164, 156];
const WATER: Rgb = [62, 96, 118];
const PRIMARY_ROAD: Rgb = [92, 92, 96];
const SECONDARY_ROAD: Rgb = [136, 132, 124];
const CAR_COLOURS: Rgb[] = [[235, 235, 235], [30, 30, 34], [176, 40, 40], [180, 184, 190], [40, 70, 140]];
const ROOFS: Record<BuildingType, Rgb[]> = {
  住宅: [[182, 86, 60], [200, 104, 70], [90, 104, 140]],
  厂房: [[64, 110, 176], [214, 216, 222], [70, 130, 190]],
  仓库: [[116, 138, 176], [226, 226, 230]],
  商铺: [[196, 96, 66], [220, 206, 176]],
  附属用房: [[214, 214, 210], [200, 120, 84]],
  其他: [[126, 74, 104], [210, 210, 214]],
};

/** A 32-bit integer hash of two integers and a salt (for per-plot and per-building choices). */
function hash(a: number, b: number, salt: number): number {
  let h = Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul(b | 0, 0x165667b1) ^ Math.imul(salt | 0, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const unit = (value: number) => value / 4294967296;

class Canvas {
  readonly pixels: Float32Array;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Float32Array(width * height * 3);
  }

  blend(x: number, y: number, colour: Rgb, coverage: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || coverage <= 0) return;
    const index = (y * this.width + x) * 3;
    const share = Math.min(1, coverage);
    for (let band = 0; band < 3; band++) {
      const current = this.pixels[index + band] as number;
      this.pixels[index + band] = current + (colour[band] as number - current) * share;
    }
  }
}

const SUBROWS = 4;

/**
 * Calls `visit(x, y, coverage)` for every pixel a polygon (rings in pixel coordinates, even–odd)
 * covers at least partly; coverage is the covered share of the pixel.
 */
function fillPolygon(rings: readonly [number, number][][], width: number, height: number, visit: (x: number, y: number, coverage: number) => void): void {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) for (const [x, y] of ring) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const left = Math.max(0, Math.floor(minX));
  const right = Math.min(width, Math.ceil(maxX));
  if (right <= left) return;
  const row = new Float32Array(right - left);
  for (let y = Math.max(0, Math.floor(minY)); y < Math.min(height, Math.ceil(maxY)); y++) {
    row.fill(0);
    for (let sub = 0; sub < SUBROWS; sub++) {
      const sampleY = y + (sub + 0.5) / SUBROWS;
      const crossings: number[] = [];
      for (const ring of rings) {
        for (let index = 0; index < ring.length; index++) {
          const [x0, y0] = ring[index] as [number, number];
          const [x1, y1] = ring[(index + 1) % ring.length] as [number, number];
          if (y0 <= sampleY !== y1 <= sampleY) crossings.push(x0 + ((sampleY - y0) * (x1 - x0)) / (y1 - y0));
        }
      }
      crossings.sort((a, b) => a - b);
      for (let pair = 0; pair + 1 < crossings.length; pair += 2) {
        const start = Math.max(left, crossings[pair] as number);
        const end = Math.min(right, crossings[pair + 1] as number);
        for (let x = Math.floor(start); x < Math.ceil(end); x++) row[x - left] = (row[x - left] as number) + (Math.min(end, x + 1) - Math.max(start, x)) / SUBROWS;
      }
    }
    for (let x = left; x < right; x++) if ((row[x - left] as number) > 0) visit(x, y, row[x - left] as number);
  }
}

/** Calls `visit` with the anti-aliased coverage of a line `widthPixels` wide along `points`. */
function strokeLine(points: readonly [number, number][], widthPixels: number, width: number, height: number, visit: (x: number, y: number, coverage: number) => void): void {
  const half = widthPixels / 2;
  const coverage = new Map<number, number>();
  for (let index = 1; index < points.length; index++) {
    const [ax, ay] = points[index - 1] as [number, number];
    const [bx, by] = points[index] as [number, number];
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    for (let y = Math.max(0, Math.floor(Math.min(ay, by) - half - 1)); y < Math.min(height, Math.ceil(Math.max(ay, by) + half + 1)); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(ax, bx) - half - 1)); x < Math.min(width, Math.ceil(Math.max(ax, bx) + half + 1)); x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
        const distance = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
        const value = Math.min(1, Math.max(0, half + 0.5 - distance));
        if (value <= 0) continue;
        const key = y * width + x;
        if (value > (coverage.get(key) ?? 0)) coverage.set(key, value);
      }
    }
  }
  for (const [key, value] of coverage) visit(key % width, Math.floor(key / width), value);
}

function drawGround(canvas: Canvas, look: EpochLook, metersPerPixel: number): void {
  const angle = 0.3;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const plotLength = 52;
  const plotWidth = 28;
  const lattice = 28;
  const noiseAt = (i: number, j: number) => unit(hash(i, j, 7)) * 10 - 5;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const u = (x + 0.5 - look.shift[0]) * metersPerPixel;
      const v = (y + 0.5 - look.shift[1]) * metersPerPixel;
      const a = u * cos + v * sin;
      const b = -u * sin + v * cos;
      const plotI = Math.floor(a / plotLength);
      const plotJ = Math.floor(b / plotWidth);
      const plotHash = hash(plotI, plotJ, 3);
      const base = FIELD_COLOURS[plotHash % FIELD_COLOURS.length] as Rgb;
      const seasonal = look.season * (unit(hash(plotI, plotJ, 5)) * 20 - 10);
      // Smooth value noise on a lattice (bilinear with smoothstep).
      const gx = u / lattice;
      const gy = v / lattice;
      const i = Math.floor(gx);
      const j = Math.floor(gy);
      const fx = gx - i;
      const fy = gy - j;
      const sx = fx * fx * (3 - 2 * fx);
      const sy = fy * fy * (3 - 2 * fy);
      const top = noiseAt(i, j) + (noiseAt(i + 1, j) - noiseAt(i, j)) * sx;
      const bottom = noiseAt(i, j + 1) + (noiseAt(i + 1, j + 1) - noiseAt(i, j + 1)) * sx;
      const noise = top + (bottom - top) * sy;
      const ridgeDistance = Math.min(a - plotI * plotLength, (plotI + 1) * plotLength - a, b - plotJ * plotWidth, (plotJ + 1) * plotWidth - b);
      const ridge = Math.min(1, Math.max(0, 0.6 + 0.5 - ridgeDistance / metersPerPixel));
      const index = (y * canvas.width + x) * 3;
      for (let band = 0; band < 3; band++) {
        const field = (base[band] as number) + noise + seasonal * (band === 1 ? 1 : 0.6);
        canvas.pixels[index + band] = field + ((RIDGE[band] as number) - field) * ridge;
      }
    }
  }
}

function roofColour(id: string, buildingType: BuildingType): Rgb {
  let h = 0;
  for (let index = 0; index < id.length; index++) h = hash(h, id.charCodeAt(index), 13);
  const choices = ROOFS[buildingType];
  return choices[h % choices.length] as Rgb;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Distance from a point to the nearest edge of the rings. */
function distanceToEdges(x: number, y: number, rings: readonly [number, number][][]): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let index = 0; index < ring.length; index++) {
      const [ax, ay] = ring[index] as [number, number];
      const [bx, by] = ring[(index + 1) % ring.length] as [number, number];
      const dx = bx - ax;
      const dy = by - ay;
      const lengthSquared = dx * dx + dy * dy;
      const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
      best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
    }
  }
  return best;
}

/** Renders epoch 0 (earlier) or 1 (later) of the scene as RGB bytes, row-major. */
export function renderSampleEpoch(scene: SampleEpochScene, epochIndex: 0 | 1): Uint8Array {
  const look = LOOKS[epochIndex];
  const { widthPixels: width, heightPixels: height, bounds } = scene;
  const metersPerPixel = scene.epochs[epochIndex].resolutionMetersPerPixel;
  const canvas = new Canvas(width, height);
  const toPixel = (position: Position): [number, number] => [
    (((position[0] as number) - bounds[0]) / (bounds[2] - bounds[0])) * width + look.shift[0],
    ((bounds[3] - (position[1] as number)) / (bounds[3] - bounds[1])) * height + look.shift[1],
  ];
  const ringsOf = (polygon: Position[][]) => polygon.map((ring) => ring.slice(0, -1).map(toPixel));
  drawGround(canvas, look, metersPerPixel);
  for (const yard of scene.yards) {
    for (const polygon of polygonsOf(yard.geometry)) fillPolygon(ringsOf(polygon), width, height, (x, y, coverage) => canvas.blend(x, y, yard.industrial ? INDUSTRIAL_YARD : YARD, coverage));
  }
  for (const river of scene.rivers) strokeLine(river.line.map(toPixel), river.widthMeters / metersPerPixel, width, height, (x, y, coverage) => canvas.blend(x, y, WATER, coverage));
  for (const primary of [false, true]) {
    for (const road of scene.roads.filter((entry) => entry.primary === primary)) {
      strokeLine(road.line.map(toPixel), road.widthMeters / metersPerPixel, width, height, (x, y, coverage) => canvas.blend(x, y, primary ? PRIMARY_ROAD : SECONDARY_ROAD, coverage));
    }
  }
  drawCars(canvas, scene, look, toPixel, metersPerPixel);
  for (const building of scene.buildings) {
    if (!building.present[epochIndex]) continue;
    const roof = roofColour(building.id, building.buildingType);
    const edge: Rgb = [roof[0] * 0.78, roof[1] * 0.78, roof[2] * 0.78];
    for (const polygon of polygonsOf(building.geometry)) {
      const rings = ringsOf(polygon);
      fillPolygon(rings, width, height, (x, y, coverage) => {
        const nearEdge = distanceToEdges(x + 0.5, y + 0.5, rings) < 0.9 / metersPerPixel;
        canvas.blend(x, y, nearEdge ? edge : roof, coverage);
      });
    }
  }
  const bytes = new Uint8Array(width * height * 3);
  for (let index = 0; index < bytes.length; index++) {
    const band = index % 3;
    bytes[index] = Math.min(255, Math.max(0, Math.round((canvas.pixels[index] as number) * (look.gain[band] as number) + (look.offset[band] as number))));
  }
  return bytes;
}

/** Cars on the roads inside the scene: different ones on each epoch, all far under 50 m². */
function drawCars(canvas: Canvas, scene: SampleEpochScene, look: EpochLook, toPixel: (position: Position) => [number, number], metersPerPixel: number): void {
  const random = createRandom(look.carSeed);
  const segments: { a: [number, number]; b: [number, number]; widthPixels: number }[] = [];
  for (const road of scene.roads) {
    const line = road.line.map(toPixel);
    for (let index = 1; index < line.length; index++) {
      const a = line[index - 1] as [number, number];
      const b = line[index] as [number, number];
      const inside = (point: [number, number]) => point[0] >= 0 && point[1] >= 0 && point[0] < canvas.width && point[1] < canvas.height;
      if (inside(a) || inside(b)) segments.push({ a, b, widthPixels: road.widthMeters / metersPerPixel });
    }
  }
  if (segments.length === 0) return;
  for (let car = 0; car < 60; car++) {
    const segment = random.pick(segments);
    const t = random.next();
    const dx = segment.b[0] - segment.a[0];
    const dy = segment.b[1] - segment.a[1];
    const length = Math.hypot(dx, dy) || 1;
    const [ux, uy] = [dx / length, dy / length];
    const lateral = (random.chance(0.5) ? 1 : -1) * segment.widthPixels * 0.22;
    const cx = segment.a[0] + t * dx - uy * lateral;
    const cy = segment.a[1] + t * dy + ux * lateral;
    const halfLength = 2.3 / metersPerPixel;
    const halfWidth = 0.95 / metersPerPixel;
    const corners: [number, number][] = [[-halfLength, -halfWidth], [halfLength, -halfWidth], [halfLength, halfWidth], [-halfLength, halfWidth]].map(
      ([along, across]) => [cx + (along as number) * ux - (across as number) * uy, cy + (along as number) * uy + (across as number) * ux],
    );
    const colour = random.pick(CAR_COLOURS);
    fillPolygon([corners], canvas.width, canvas.height, (x, y, coverage) => canvas.blend(x, y, colour, coverage));
  }
}
