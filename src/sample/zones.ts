/**
 * Redevelopment zones (改造区块) drawn over clusters — 城中村改造 over 城中村 blocks, 工业区块整治
 * over industrial blocks, 低效用地再开发 over old village centres — and 小微园 sites inside zones.
 * A zone is a star-shaped polygon smaller than its cluster and off its centre, so its edges cut
 * through buildings the way a planner's hand-drawn line does; it stays inside its cluster's disc,
 * so zones never overlap.
 */
import type { ParkSite, ParkStage, Zone, ZoneType } from '../domain/records';
import { SQUARE_METERS_PER_MU } from '../domain/area-units';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { Boundaries } from './boundaries';
import { AS_OF_DAY, dayOf, isoDate, YEAR_START_DAY } from './calendar';
import { scaleStarToArea, type Cluster } from './clusters';
import { pointInRing, ringSignedArea, starRing, toPolygon, type StarRing } from './local-frame';
import { chineseOrdinal } from './names';
import type { Random } from './random';
import type { PlacedViolation } from './violations';

export interface LocalZone {
  record: Zone;
  star: StarRing;
  clusterIndex: number;
}

const RESPONSIBLE_UNITS: Record<ZoneType, (township: string) => string> = {
  城中村改造: (township) => `${township}人民政府`,
  工业区块整治: (township) => `${township}工业区块整治指挥部`,
  低效用地再开发: () => '县自然资源和规划局',
};

function zoneType(cluster: Cluster): ZoneType {
  if (cluster.kind === 'villageBlock') return '城中村改造';
  if (cluster.kind === 'industrialBlock') return '工业区块整治';
  if (cluster.kind === 'villageCentre') return '低效用地再开发';
  return cluster.character === 'residential' ? '城中村改造' : cluster.character === 'industrial' ? '工业区块整治' : '低效用地再开发';
}

/** Which clusters get a zone: shares 8 : 5 : 2 of 城中村 blocks, industrial blocks, the rest by violation count. */
function chooseClusters(clusters: readonly Cluster[], violationCounts: readonly number[], zoneCount: number): number[] {
  const indices = (kind: Cluster['kind']) => clusters.flatMap((cluster, index) => (cluster.kind === kind ? [index] : []));
  const villageBlocks = indices('villageBlock').slice(0, Math.round((zoneCount * 8) / 15));
  const industrialBlocks = indices('industrialBlock').slice(0, Math.round((zoneCount * 5) / 15));
  const generic = [...indices('villageCentre'), ...indices('extra')]
    .filter((index) => (violationCounts[index] ?? 0) > 0)
    .sort((a, b) => (violationCounts[b] ?? 0) - (violationCounts[a] ?? 0) || a - b);
  const chosen = [...villageBlocks, ...industrialBlocks, ...generic.slice(0, zoneCount - villageBlocks.length - industrialBlocks.length)];
  if (chosen.length < zoneCount) throw new RangeError(`createZones: only ${chosen.length} clusters for ${zoneCount} zones`);
  return chosen;
}

function zoneStar(random: Random, cluster: Cluster): StarRing {
  const angle = random.range(0, 2 * Math.PI);
  const offset = random.range(0.05, 0.22) * cluster.star.inscribedRadius;
  const centre = [cluster.star.centre[0] + offset * Math.cos(angle), cluster.star.centre[1] + offset * Math.sin(angle)] as const;
  const shape = starRing(random.next, {
    centre,
    meanRadius: 1,
    vertexCount: random.integer(9, 15),
    roughness: 0.25,
    elongation: random.range(1, 1.5),
    rotation: random.range(0, Math.PI),
  });
  const star = scaleStarToArea(shape, random.range(0.35, 0.6) * Math.abs(ringSignedArea(cluster.star.ring)));
  const room = 0.97 * cluster.star.maximumRadius - offset;
  return star.maximumRadius <= room ? star : scaleStarToArea(star, Math.abs(ringSignedArea(star.ring)) * (room / star.maximumRadius) ** 2);
}

export function createZones(random: Random, clusters: readonly Cluster[], placed: readonly PlacedViolation[], boundaries: Boundaries, zoneCount: number): LocalZone[] {
  const byCluster = clusters.map((): PlacedViolation[] => []);
  for (const violation of placed) byCluster[violation.clusterIndex]?.push(violation);
  const names = new Map<string, number>();
  return chooseClusters(clusters, byCluster.map((list) => list.length), zoneCount).map((clusterIndex, index) => {
    const cluster = clusters[clusterIndex] as Cluster;
    const star = zoneStar(random, cluster);
    const type = zoneType(cluster);
    const village = boundaries.villages[cluster.villageIndex];
    const township = boundaries.townships[cluster.townshipIndex];
    const baseName = `${village?.record.properties.name}${type}`;
    const seen = (names.get(baseName) ?? 0) + 1;
    names.set(baseName, seen);
    const demolishable = (byCluster[clusterIndex] ?? [])
      .filter(({ record, centre }) => (record.properties.origin === '新增' || record.properties.disposalClass === '拆除') && pointInRing(centre, star.ring))
      .reduce((sum, { record }) => sum + record.properties.areaSquareMeters, 0);
    const start = random.integer(YEAR_START_DAY, dayOf('2026-06-30'));
    return {
      star,
      clusterIndex,
      record: {
        type: 'Feature',
        id: `zone-${String(index + 1).padStart(3, '0')}`,
        geometry: toPolygon(star.ring),
        properties: {
          name: seen === 1 ? `${baseName}区块` : `${baseName}${chineseOrdinal(seen)}号区块`,
          zoneType: type,
          townshipId: township?.record.id ?? '',
          responsibleUnit: RESPONSIBLE_UNITS[type](township?.record.properties.name ?? ''),
          plannedStart: isoDate(start),
          plannedFinish: isoDate(start + random.integer(240, 700)),
          targetDemolitionSquareMeters: Math.max(100, Math.round((demolishable * random.range(1, 1.15)) / 100) * 100),
        },
      },
    };
  });
}

function stageDates(random: Random): { stage: ParkStage; stageDates: Partial<Record<ParkStage, string>> } {
  const planned = random.integer(0, 120);
  const started = planned + random.integer(40, 150);
  const completed = started + random.integer(120, 220);
  const wanted = random.weighted(['规划', '开工', '竣工'] as const, [2, 3, 2]);
  if (wanted === '规划') return { stage: '规划', stageDates: { 规划: isoDate(planned) } };
  if (wanted === '开工' || completed > AS_OF_DAY) return { stage: '开工', stageDates: { 规划: isoDate(planned), 开工: isoDate(started) } };
  return { stage: '竣工', stageDates: { 规划: isoDate(planned), 开工: isoDate(started), 竣工: isoDate(completed) } };
}

/** 小微园 sites in the middle of 城中村 and industrial zones; `allocatedSquareMeters` starts at 0. */
export function createParkSites(random: Random, zones: readonly LocalZone[], clusters: readonly Cluster[], boundaries: Boundaries, count: number): ParkSite[] {
  const candidates = random.shuffle(zones.filter((zone) => zone.record.properties.zoneType !== '低效用地再开发'));
  const names = new Set<string>();
  return candidates.slice(0, count).map((zone, index) => {
    const shape = starRing(random.next, { centre: zone.star.centre, meanRadius: 1, vertexCount: random.integer(7, 10), roughness: 0.12, elongation: random.range(1, 1.4), rotation: random.range(0, Math.PI) });
    let star = scaleStarToArea(shape, random.range(20, 70) * SQUARE_METERS_PER_MU);
    const room = 0.5 * zone.star.inscribedRadius;
    if (star.maximumRadius > room) star = scaleStarToArea(star, Math.abs(ringSignedArea(star.ring)) * (room / star.maximumRadius) ** 2);
    const geometry = toPolygon(star.ring);
    const plotRatio = Math.round(random.range(1.5, 3) * 10) / 10;
    const township = boundaries.townships.find((candidate) => candidate.record.id === zone.record.properties.townshipId);
    const village = boundaries.villages[clusters[zone.clusterIndex]?.villageIndex ?? -1];
    let name = `${township?.record.properties.name.replace(/镇$/, '')}${village?.record.properties.name.replace(/村$/, '')}小微企业园`;
    if (names.has(name)) name = name.replace(/小微企业园$/, `${chineseOrdinal(index + 1)}号小微企业园`);
    names.add(name);
    return {
      type: 'Feature' as const,
      id: `park-site-${String(index + 1).padStart(2, '0')}`,
      geometry,
      properties: {
        name,
        zoneId: zone.record.id,
        townshipId: zone.record.properties.townshipId,
        capacitySquareMeters: Math.round(ellipsoidalAreaSquareMeters(geometry) * plotRatio),
        allocatedSquareMeters: 0,
        plotRatio,
        ...stageDates(random),
      },
    };
  });
}
