/**
 * The cluster plan of the county: ~12 城中村 blocks in the urban townships, ~8 industrial blocks,
 * a centre in every village, extra built-up patches when the requested violation count or zone
 * count needs more room, and small hamlets; plus the villageBlock and industrialBlock records.
 */
import type { IndustrialBlock, VillageBlock } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { Boundaries, LocalVillage } from './boundaries';
import type { Obstacle } from './base-map';
import { ClusterPlacer, type Cluster, type ClusterCharacter, type ClusterKind } from './clusters';
import { toPolygon } from './local-frame';
import type { Random } from './random';

const HECTARE = 10_000;
const VILLAGE_BLOCKS: Record<string, number> = { 灵溪镇: 4, 龙港镇: 4, 宜山镇: 2, 钱库镇: 1, 金乡镇: 1 };
const INDUSTRIAL_BLOCKS: Record<string, number> = { 灵溪镇: 2, 龙港镇: 2, 宜山镇: 1, 钱库镇: 1, 金乡镇: 1, 望里镇: 1 };
/** Relative pull of violations per cluster kind (times capacity). */
export const ALLOCATION_WEIGHTS: Record<ClusterKind, number> = { villageBlock: 1, industrialBlock: 0.9, villageCentre: 0.55, extra: 0.8, hamlet: 0.7 };
/** Area (m²) of outline that holds one unit of capacity on a residential grid (20 m cells, 1.3 cells each, 60 % fill). */
const AREA_PER_CAPACITY = (400 * 1.3) / 0.6;
/** Aim for this share of total capacity, so clusters look dense but not full. */
const TARGET_FILL = 0.85;

export interface PlanOptions {
  violationCount: number;
  zoneCount: number;
}

function villagesOf(boundaries: Boundaries, townshipName: string): { village: LocalVillage; index: number }[] {
  return boundaries.villages
    .map((village, index) => ({ village, index }))
    .filter(({ village }) => boundaries.townships[village.townshipIndex]?.record.properties.name === townshipName)
    .sort((a, b) => a.village.rank - b.village.rank);
}

function placeBlocks(random: Random, placer: ClusterPlacer, boundaries: Boundaries, kind: 'villageBlock' | 'industrialBlock', perTownship: Record<string, number>, taken: Set<number>): Cluster[] {
  const placed: Cluster[] = [];
  for (const [townshipName, count] of Object.entries(perTownship)) {
    const candidates = villagesOf(boundaries, townshipName);
    const ordered = kind === 'villageBlock' ? candidates : [...candidates.filter(({ village, index }) => village.rank >= 2 && !taken.has(index)), ...candidates.filter(({ index }) => !taken.has(index))];
    let remaining = count;
    for (const { village, index } of ordered) {
      if (remaining === 0) break;
      if (kind === 'villageBlock' && taken.has(index)) continue;
      const [minimum, maximum] = kind === 'villageBlock' ? [15, 58] : [20, 118];
      const cluster = placer.place({
        kind,
        character: kind === 'villageBlock' ? 'residential' : 'industrial',
        village,
        villageIndex: index,
        areaSquareMeters: random.range(minimum + 3, maximum) * HECTARE,
        minimumAreaSquareMeters: (minimum + 0.5) * HECTARE,
        nearSeat: kind === 'villageBlock',
      });
      if (cluster === null) continue;
      placed.push(cluster);
      taken.add(index);
      remaining--;
    }
  }
  return placed;
}

function placeGeneric(random: Random, placer: ClusterPlacer, village: LocalVillage, villageIndex: number, kind: ClusterKind, areaSquareMeters: number): Cluster | null {
  const character: ClusterCharacter =
    kind === 'villageCentre' ? (village.rank === 0 || random.chance(0.3) ? 'mixed' : 'residential') : kind === 'extra' ? random.weighted(['residential', 'mixed', 'industrial'] as const, [50, 25, 25]) : 'residential';
  return placer.place({ kind, character, village, villageIndex, areaSquareMeters, minimumAreaSquareMeters: areaSquareMeters * 0.4, nearSeat: kind === 'villageCentre' });
}

/** All clusters, in allocation order: blocks, industrial blocks, village centres, extras, hamlets. */
export function planClusters(random: Random, boundaries: Boundaries, obstacles: readonly Obstacle[], options: PlanOptions): Cluster[] {
  const placer = new ClusterPlacer(random, obstacles);
  const taken = new Set<number>();
  const clusters: Cluster[] = [
    ...placeBlocks(random, placer, boundaries, 'villageBlock', VILLAGE_BLOCKS, taken),
    ...placeBlocks(random, placer, boundaries, 'industrialBlock', INDUSTRIAL_BLOCKS, taken),
  ];
  boundaries.villages.forEach((village, index) => {
    const urbanity = boundaries.townships[village.townshipIndex]?.urbanity ?? 0;
    const radius = random.range(90, 150) * (1 + 0.6 * urbanity);
    const cluster = placeGeneric(random, placer, village, index, 'villageCentre', Math.PI * radius * radius);
    if (cluster !== null) clusters.push(cluster);
  });
  const hamletCapacity = boundaries.villages.length * 3 * 12;
  const capacityNeeded = options.violationCount / TARGET_FILL - hamletCapacity;
  const villageWeights = boundaries.villages.map((village) => Math.sqrt(Math.max(1, village.record.properties.households)) * (0.4 + (boundaries.townships[village.townshipIndex]?.urbanity ?? 0)));
  const capacity = () => clusters.reduce((sum, cluster) => sum + cluster.capacity, 0);
  const zoneShort = Math.max(0, options.zoneCount - clusters.length);
  const extraCapacity = Math.max(0, capacityNeeded - capacity());
  const extraCount = Math.max(zoneShort, Math.ceil(extraCapacity / 400));
  const extraArea = extraCount === 0 ? 0 : Math.min(45 * HECTARE, Math.max(3 * HECTARE, ((extraCapacity / extraCount) * AREA_PER_CAPACITY) / 0.8));
  let failures = 0;
  let extras = 0;
  while (extras < extraCount || capacity() < capacityNeeded) {
    const villageIndex = boundaries.villages.indexOf(random.weighted(boundaries.villages, villageWeights));
    const area = (extras < extraCount ? extraArea : 8 * HECTARE) * random.range(0.7, 1.3);
    const cluster = placeGeneric(random, placer, boundaries.villages[villageIndex] as LocalVillage, villageIndex, 'extra', area);
    if (cluster === null) {
      if (++failures > 2000) throw new RangeError('planClusters: the county has no room for the requested violations or zones');
      continue;
    }
    clusters.push(cluster);
    extras++;
  }
  boundaries.villages.forEach((village, index) => {
    const count = random.integer(2, 4);
    for (let hamlet = 0; hamlet < count; hamlet++) {
      const cluster = placeGeneric(random, placer, village, index, 'hamlet', random.range(0.4, 1.6) * HECTARE);
      if (cluster !== null) clusters.push(cluster);
    }
  });
  return clusters;
}

/** The 城中村 block records, one per villageBlock cluster (same outline), with 征/签/腾/拆 progress. */
export function createVillageBlocks(random: Random, clusters: readonly Cluster[], boundaries: Boundaries): VillageBlock[] {
  return clusters
    .filter((cluster) => cluster.kind === 'villageBlock')
    .map((cluster, index) => {
      const village = boundaries.villages[cluster.villageIndex] as LocalVillage;
      const geometry = toPolygon(cluster.star.ring);
      const areaSquareMeters = ellipsoidalAreaSquareMeters(geometry);
      const households = Math.round((areaSquareMeters / HECTARE) * random.range(18, 30));
      const stage = random.weighted(['early', 'middle', 'late'] as const, [3, 5, 4]);
      const expropriatedHouseholds = random.chance(0.8) ? households : Math.round(households * random.range(0.7, 0.95));
      const signedShare = stage === 'early' ? random.range(0.3, 0.6) : stage === 'middle' ? random.range(0.7, 0.95) : random.range(0.96, 1);
      const signedHouseholds = Math.round(expropriatedHouseholds * signedShare);
      const vacatedHouseholds = Math.round(signedHouseholds * (stage === 'early' ? random.range(0.1, 0.4) : stage === 'middle' ? random.range(0.5, 0.85) : random.range(0.9, 1)));
      const demolishedHouseholds = Math.round(vacatedHouseholds * (stage === 'early' ? random.range(0, 0.3) : stage === 'middle' ? random.range(0.2, 0.6) : random.range(0.8, 1)));
      village.record.properties.households = Math.max(village.record.properties.households, households + random.integer(100, 600));
      return {
        type: 'Feature' as const,
        id: `village-block-${String(index + 1).padStart(2, '0')}`,
        geometry,
        properties: {
          name: `${village.record.properties.name}城中村`,
          townshipId: village.record.properties.townshipId,
          villageId: village.record.id,
          households,
          expropriatedHouseholds,
          signedHouseholds,
          vacatedHouseholds,
          demolishedHouseholds,
          areaSquareMeters,
        },
      };
    });
}

export function createIndustrialBlocks(random: Random, clusters: readonly Cluster[], boundaries: Boundaries): IndustrialBlock[] {
  return clusters
    .filter((cluster) => cluster.kind === 'industrialBlock')
    .map((cluster, index) => {
      const village = boundaries.villages[cluster.villageIndex] as LocalVillage;
      const geometry = toPolygon(cluster.star.ring);
      const areaSquareMeters = ellipsoidalAreaSquareMeters(geometry);
      return {
        type: 'Feature' as const,
        id: `industrial-block-${String(index + 1).padStart(2, '0')}`,
        geometry,
        properties: {
          name: `${village.record.properties.name.replace(/村$/, '')}工业区块`,
          townshipId: village.record.properties.townshipId,
          enterpriseCount: Math.round((areaSquareMeters / HECTARE) * random.range(1.2, 2.8)),
          areaSquareMeters,
        },
      };
    });
}
