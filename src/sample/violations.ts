/**
 * 违建图斑: footprints placed cluster by cluster (counts from the allocation, topped up round-robin
 * when a crowded cluster runs out of cells), each given the attributes of the 台账 and a
 * lifecycle. The stored area is the ellipsoidal area of the rounded geometry, exactly.
 */
import type {
  BuildingType,
  DisposalClass,
  OwnerType,
  Violation,
  ViolationOrigin,
} from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { LocalTownship, LocalVillage } from './boundaries';
import { createPlanter, type Footprint } from './building-footprints';
import type { Cluster, ClusterKind } from './clusters';
import { toPolygon, type Point2 } from './local-frame';
import { companyName, COUNTY_CODE, INDUSTRIES, personName } from './names';
import type { Random } from './random';
import { violationLifecycle } from './violation-lifecycle';

export interface PlacedViolation {
  record: Violation;
  clusterIndex: number;
  /** Footprint centre in the local plane. */
  centre: Point2;
}

export interface ViolationContext {
  clusters: readonly Cluster[];
  counts: readonly number[];
  townships: readonly LocalTownship[];
  villages: readonly LocalVillage[];
  /** Pace of each township (index as in `townships`). */
  paces: readonly number[];
}

const NEW_SHARE: Record<ClusterKind, number> = { villageBlock: 0.08, industrialBlock: 0.1, villageCentre: 0.22, extra: 0.16, hamlet: 0.3 };
const DISPOSAL_CLASSES: readonly DisposalClass[] = ['拆除', '没收', '完善手续', '保留临时使用'];
const OWNER_TYPES: readonly OwnerType[] = ['个人', '企业', '村集体'];

function disposalWeights(buildingType: BuildingType, kind: ClusterKind): number[] {
  if (kind === 'villageBlock' || buildingType === '附属用房') return [80, 5, 10, 5];
  if (buildingType === '厂房' || buildingType === '仓库') return [55, 8, 22, 15];
  return [62, 8, 20, 10];
}

function ownerWeights(buildingType: BuildingType): number[] {
  switch (buildingType) {
    case '厂房':
    case '仓库':
      return [25, 70, 5];
    case '住宅':
    case '附属用房':
      return [92, 0, 8];
    case '商铺':
      return [80, 20, 0];
    case '其他':
      return [60, 10, 30];
  }
}

function yearBuilt(random: Random, origin: ViolationOrigin, foundOn: string | undefined): number {
  if (origin === '新增') return foundOn !== undefined && foundOn >= '2026-03-01' && random.chance(0.7) ? 2026 : 2025;
  return Math.max(1988, 2024 - Math.floor(Math.abs(random.normal()) * 9));
}

function createViolation(random: Random, footprint: Footprint, sequence: number, cluster: Cluster, context: ViolationContext): Violation {
  const village = context.villages[cluster.villageIndex] as LocalVillage;
  const township = context.townships[cluster.townshipIndex] as LocalTownship;
  const geometry = toPolygon(footprint.outer, footprint.holes);
  const origin: ViolationOrigin = random.chance(NEW_SHARE[cluster.kind]) ? '新增' : '存量';
  const disposalClass = origin === '存量' ? random.weighted(DISPOSAL_CLASSES, disposalWeights(footprint.buildingType, cluster.kind)) : null;
  const { status, statusDates } = violationLifecycle(random, { origin, disposalClass, pace: context.paces[cluster.townshipIndex] ?? 1 });
  const ownerType = random.weighted(OWNER_TYPES, ownerWeights(footprint.buildingType));
  const ownerName =
    ownerType === '个人' ? personName(random) : ownerType === '企业' ? companyName(random, random.pick(INDUSTRIES)) : `${village.record.properties.name}股份经济合作社`;
  const number = String(sequence).padStart(6, '0');
  return {
    type: 'Feature',
    id: `v-${number}`,
    geometry,
    properties: {
      code: `WJ-${COUNTY_CODE}-2026-${number}`,
      buildingType: footprint.buildingType,
      townshipId: township.record.id,
      villageId: village.record.id,
      yearBuilt: yearBuilt(random, origin, statusDates['发现']),
      ownerType,
      ownerName,
      areaSquareMeters: ellipsoidalAreaSquareMeters(geometry),
      status,
      statusDates,
      origin,
      disposalClass,
    },
  };
}

/** Places exactly `Σ counts` violations; throws when the clusters cannot hold them. */
export function generateViolations(random: Random, context: ViolationContext): PlacedViolation[] {
  const { clusters, counts } = context;
  const planters = clusters.map((cluster) => createPlanter(random.fork(), cluster));
  const footprints: { footprint: Footprint; clusterIndex: number }[] = [];
  let shortfall = 0;
  planters.forEach((planter, clusterIndex) => {
    for (let placed = 0; placed < (counts[clusterIndex] ?? 0); placed++) {
      const footprint = planter.next();
      if (footprint === null) {
        shortfall += (counts[clusterIndex] ?? 0) - placed;
        break;
      }
      footprints.push({ footprint, clusterIndex });
    }
  });
  const open = new Set(planters.keys());
  while (shortfall > 0 && open.size > 0) {
    for (const clusterIndex of [...open]) {
      if (shortfall === 0) break;
      const footprint = (planters[clusterIndex] as ReturnType<typeof createPlanter>).next();
      if (footprint === null) open.delete(clusterIndex);
      else {
        footprints.push({ footprint, clusterIndex });
        shortfall--;
      }
    }
  }
  if (shortfall > 0) throw new RangeError(`generateViolations: clusters are full, ${shortfall} violations left over`);
  return footprints.map(({ footprint, clusterIndex }, index) => ({
    record: createViolation(random, footprint, index + 1, clusters[clusterIndex] as Cluster, context),
    clusterIndex,
    centre: footprint.centre,
  }));
}
