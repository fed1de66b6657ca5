/**
 * 四无 生产经营单位 found in 排查: points in built-up clusters (mostly mixed and industrial ones)
 * or scattered in villages, with their problems, the day found and, for most, the day rectified.
 */
import { FOUR_NO_PROBLEMS, type FourNoProblem, type FourNoUnit } from '../domain/records';
import { pointInArea, areaBoundingBox, type Boundaries } from './boundaries';
import { AS_OF_DAY, isoDate } from './calendar';
import type { Cluster } from './clusters';
import { pointInRing, toLonLat, type Point2 } from './local-frame';
import { anonymousPerson, INDUSTRIES } from './names';
import type { Random } from './random';

const PROBLEM_CHANCES: Record<FourNoProblem, number> = { 无证照: 0.85, 无安全保障: 0.6, 无合法场所: 0.45, 无环保措施: 0.55 };
const SUFFIXES = ['加工点', '作坊', '家庭工场', '加工厂', '仓储点'];

function randomPointInCluster(random: Random, cluster: Cluster): Point2 {
  const { centre, maximumRadius, ring } = cluster.star;
  for (;;) {
    const point: Point2 = [centre[0] + random.range(-1, 1) * maximumRadius, centre[1] + random.range(-1, 1) * maximumRadius];
    if (pointInRing(point, ring)) return point;
  }
}

function randomPointInVillage(random: Random, boundaries: Boundaries, villageIndex: number): Point2 {
  const area = boundaries.villages[villageIndex]?.area ?? [];
  const box = areaBoundingBox(area);
  for (;;) {
    const point: Point2 = [random.range(box[0], box[2]), random.range(box[1], box[3])];
    if (pointInArea(point, area)) return point;
  }
}

export function createFourNoUnits(random: Random, clusters: readonly Cluster[], boundaries: Boundaries, count: number): FourNoUnit[] {
  const weights = clusters.map((cluster) => (cluster.character === 'residential' ? 1 : 3) * cluster.star.maximumRadius);
  const indices = clusters.map((_, index) => index);
  return Array.from({ length: count }, (_, index): FourNoUnit => {
    const cluster = clusters[random.weighted(indices, weights)] as Cluster;
    const scattered = random.chance(0.2);
    const villageIndex = scattered ? random.integer(0, boundaries.villages.length - 1) : cluster.villageIndex;
    const point = scattered ? randomPointInVillage(random, boundaries, villageIndex) : randomPointInCluster(random, cluster);
    const village = boundaries.villages[villageIndex];
    const problems = FOUR_NO_PROBLEMS.filter((problem) => random.chance(PROBLEM_CHANCES[problem]));
    if (problems.length === 0) problems.push('无证照');
    const found = random.chance(0.6) ? random.integer(0, 120) : random.integer(121, AS_OF_DAY - 3);
    const rectified = random.chance(0.9) ? found + Math.max(3, Math.round(40 * Math.exp(0.7 * random.normal()))) : Infinity;
    return {
      type: 'Feature',
      id: `four-no-${String(index + 1).padStart(5, '0')}`,
      geometry: { type: 'Point', coordinates: toLonLat(point) },
      properties: {
        name: `${village?.record.properties.name.replace(/村$/, '')}${anonymousPerson(random)}${random.pick(INDUSTRIES)}${random.pick(SUFFIXES)}`,
        townshipId: village?.record.properties.townshipId ?? '',
        villageId: village?.record.id ?? '',
        problems,
        foundOn: isoDate(found),
        rectifiedOn: rectified <= AS_OF_DAY ? isoDate(rectified) : null,
      },
    };
  });
}
