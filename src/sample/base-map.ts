/**
 * The base map drawn under the records: a county road network (primary roads linking township
 * centres along a minimum spanning tree plus a few loops, secondary roads out to village seats)
 * and the river network (横阳支江 and its tributaries). Not records; also returned as obstacles
 * that buildings keep clear of.
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { LocalTownship, LocalVillage } from './boundaries';
import { toLonLat, type Point2 } from './local-frame';
import { MAIN_RIVER_NAME, PRIMARY_ROAD_NAMES, TOWNSHIP_SEEDS, TRIBUTARY_NAMES } from './names';
import type { Random } from './random';

export type RoadClass = 'primary' | 'secondary';
export type RiverWidthClass = 'major' | 'minor';

export interface RoadProperties {
  name: string;
  class: RoadClass;
}
export interface RiverProperties {
  name: string;
  widthClass: RiverWidthClass;
  widthMeters: number;
}

export interface BaseMap {
  roads: FeatureCollection<LineString, RoadProperties>;
  rivers: FeatureCollection<LineString, RiverProperties>;
}

/** A line buildings must keep `clearanceMeters` away from (half the width plus a setback). */
export interface Obstacle {
  line: readonly Point2[];
  clearanceMeters: number;
}

const SECONDARY_ROAD_COUNT = 16;

/** A gently meandering polyline through the control points (ends kept exact). */
function meander(random: Random, controls: readonly Point2[], amplitudeShare: number): Point2[] {
  const line: Point2[] = [controls[0] as Point2];
  for (let index = 0; index + 1 < controls.length; index++) {
    const [ax, ay] = controls[index] as Point2;
    const [bx, by] = controls[index + 1] as Point2;
    const length = Math.hypot(bx - ax, by - ay);
    const steps = Math.max(3, Math.round(length / 700));
    const amplitude = amplitudeShare * length * random.range(-1, 1);
    const phase = random.range(0.6, 1.4);
    for (let step = 1; step <= steps; step++) {
      const t = step / steps;
      const offset = step === steps ? 0 : amplitude * Math.sin(Math.PI * t * phase) * Math.sin(Math.PI * t) + random.range(-25, 25);
      line.push([ax + t * (bx - ax) - (offset * (by - ay)) / length, ay + t * (by - ay) + (offset * (bx - ax)) / length]);
    }
  }
  return line;
}

/** Township pairs to link: a minimum spanning tree (Prim) plus the shortest remaining pairs. */
function townshipLinks(centres: readonly Point2[], extraLinks: number): [number, number][] {
  const distance = (a: number, b: number) =>
    Math.hypot((centres[a] as Point2)[0] - (centres[b] as Point2)[0], (centres[a] as Point2)[1] - (centres[b] as Point2)[1]);
  const inTree = new Set([0]);
  const links: [number, number][] = [];
  while (inTree.size < centres.length) {
    let best: [number, number] | null = null;
    for (const a of inTree) {
      for (let b = 0; b < centres.length; b++) {
        if (!inTree.has(b) && (best === null || distance(a, b) < distance(best[0], best[1]))) best = [a, b];
      }
    }
    if (best === null) break;
    links.push(best);
    inTree.add(best[1]);
  }
  const linked = new Set(links.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
  const remaining: [number, number][] = [];
  for (let a = 0; a < centres.length; a++) for (let b = a + 1; b < centres.length; b++) if (!linked.has(`${a}-${b}`)) remaining.push([a, b]);
  remaining.sort((p, q) => distance(p[0], p[1]) - distance(q[0], q[1]));
  return [...links, ...remaining.slice(0, extraLinks)].sort((p, q) => distance(q[0], q[1]) - distance(p[0], p[1]));
}

function nearestVertex(line: readonly Point2[], point: Point2): Point2 {
  let best = line[0] ?? point;
  for (const vertex of line) if (Math.hypot(vertex[0] - point[0], vertex[1] - point[1]) < Math.hypot(best[0] - point[0], best[1] - point[1])) best = vertex;
  return best;
}

function lineFeature<P>(id: string, line: readonly Point2[], properties: P): Feature<LineString, P> {
  return { type: 'Feature', id, geometry: { type: 'LineString', coordinates: line.map(toLonLat) }, properties };
}

function riverControls(): { name: string; controls: Point2[]; major: boolean }[] {
  const main: Point2[] = [[-10500, -2600], [-6400, -3200], [-3200, -1500], [0, -650], [4000, 500], [7600, 1850], [11000, 4600], [13100, 5300], [17500, 7000]];
  const tributaries: Point2[][] = [
    [[-9500, -9000], [-7800, -6000], [-5600, -2775]],
    [[8800, -4800], [8200, -1500], [8900, 2900]],
    [[14200, -6200], [11600, -2300], [10800, 4440]],
    [[4800, -9800], [4900, -6900], [2500, 70]],
    [[-2600, -9500], [-1300, -4200], [-350, -743]],
    [[6200, 9000], [6900, 5200], [6500, 1440]],
  ];
  return [
    { name: MAIN_RIVER_NAME, controls: main, major: true },
    ...tributaries.map((controls, index) => ({ name: TRIBUTARY_NAMES[index] as string, controls, major: false })),
  ];
}

export function generateBaseMap(random: Random, townships: readonly LocalTownship[], villages: readonly LocalVillage[]): { baseMap: BaseMap; obstacles: Obstacle[] } {
  const obstacles: Obstacle[] = [];
  const roads: Feature<LineString, RoadProperties>[] = [];
  const centres = townships.map((township) => township.centre);
  townshipLinks(centres, 3).forEach(([a, b], index) => {
    const line = meander(random, [centres[a] as Point2, centres[b] as Point2], 0.05);
    const name = PRIMARY_ROAD_NAMES[index] ?? `${TOWNSHIP_SEEDS[a]?.short}${TOWNSHIP_SEEDS[b]?.short}线`;
    roads.push(lineFeature(`road-${String(roads.length + 1).padStart(2, '0')}`, line, { name, class: 'primary' }));
    obstacles.push({ line, clearanceMeters: 14 });
  });
  const outlying = random.shuffle(villages.filter((village) => village.rank > 0)).slice(0, SECONDARY_ROAD_COUNT);
  outlying.sort((p, q) => p.townshipIndex - q.townshipIndex || p.rank - q.rank);
  for (const village of outlying) {
    const line = meander(random, [centres[village.townshipIndex] as Point2, village.seat], 0.08);
    const name = `${village.record.properties.name.replace(/村$/, '')}路`;
    roads.push(lineFeature(`road-${String(roads.length + 1).padStart(2, '0')}`, line, { name, class: 'secondary' }));
    obstacles.push({ line, clearanceMeters: 8 });
  }
  let mainLine: Point2[] = [];
  const rivers = riverControls().map(({ name, controls, major }, index) => {
    // A tributary ends on a vertex of the main river, so the confluence is exact.
    const mouth = controls[controls.length - 1] as Point2;
    const joined = major ? controls : [...controls.slice(0, -1), nearestVertex(mainLine, mouth)];
    const line = meander(random, joined, 0.04);
    if (major) mainLine = line;
    const widthMeters = major ? 80 : random.integer(15, 30);
    obstacles.push({ line, clearanceMeters: widthMeters / 2 + 10 });
    return lineFeature(`river-${String(index + 1).padStart(2, '0')}`, line, { name, widthClass: major ? ('major' as const) : ('minor' as const), widthMeters });
  });
  return {
    baseMap: { roads: { type: 'FeatureCollection', features: roads }, rivers: { type: 'FeatureCollection', features: rivers } },
    obstacles,
  };
}
