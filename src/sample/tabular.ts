/**
 * The tabular records: annual targets per township (scaled so the county sums to the documents'
 * 拆违 80万 m², 四无 排查 ≥ 9,000 and 小微园 70万 m²), weekly cumulative snapshots computed from the
 * records themselves, and enterprises waiting for or allocated to 小微园 sites.
 */
import type { Enterprise, FourNoUnit, ParkSite, Snapshot, Target, VillageBlock, Violation } from '../domain/records';
import { isDemolished } from '../domain/violation-status';
import type { LocalTownship } from './boundaries';
import { weekEndings } from './calendar';
import { INDUSTRIES, uniqueCompanyName } from './names';
import type { Random } from './random';

export const COUNTY_DEMOLITION_TARGET_SQUARE_METERS = 800_000;
/** 四无 units to find (排查) county-wide at sample scale: the sample has ~800 units, so ~89 % found. The documents' county figure is ≥ 9,000. */
export const COUNTY_FOUR_NO_TARGET = 900;
export const COUNTY_PARK_FLOOR_TARGET_SQUARE_METERS = 700_000;
export const SNAPSHOT_WEEKS = 12;

/** Splits `total` into multiples of `step` proportional to `weights`; the largest share absorbs the rounding. */
function apportion(total: number, weights: readonly number[], step: number): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  const shares = weights.map((weight) => Math.round((total * weight) / sum / step) * step);
  const largest = shares.indexOf(Math.max(...shares));
  shares[largest] = (shares[largest] as number) + total - shares.reduce((acc, share) => acc + share, 0);
  return shares;
}

export interface TargetInput {
  townships: readonly LocalTownship[];
  violations: readonly Violation[];
  fourNoUnits: readonly FourNoUnit[];
  /** Scale of the county against the default sample (violationCount / 5,000). */
  scale: number;
}

export function createTargets(random: Random, input: TargetInput): Target[] {
  const { townships, violations, fourNoUnits, scale } = input;
  const index = new Map(townships.map((township, position) => [township.record.id, position]));
  const demolishable = townships.map(() => 0);
  const units = townships.map(() => 0);
  for (const { properties } of violations) {
    if (properties.origin === '新增' || properties.disposalClass === '拆除') {
      const position = index.get(properties.townshipId) as number;
      demolishable[position] = (demolishable[position] as number) + properties.areaSquareMeters;
    }
  }
  for (const unit of fourNoUnits) {
    const position = index.get(unit.properties.townshipId) as number;
    units[position] = (units[position] as number) + 1;
  }
  const demolition = apportion(Math.round(COUNTY_DEMOLITION_TARGET_SQUARE_METERS * scale), demolishable.map((area) => area * random.range(0.85, 1.15)), 1000);
  const fourNo = apportion(Math.round(COUNTY_FOUR_NO_TARGET * scale), units.map((count) => (count + 1) * random.range(0.85, 1.15)), 10);
  const park = apportion(Math.round(COUNTY_PARK_FLOOR_TARGET_SQUARE_METERS * scale), townships.map((township) => (township.urbanity + 0.3) * random.range(0.8, 1.2)), 1000);
  return townships.map((township, position) => ({
    id: `target-2026-${township.record.id}`,
    townshipId: township.record.id,
    year: 2026,
    demolitionSquareMeters: demolition[position] as number,
    fourNoUnitsFound: fourNo[position] as number,
    parkFloorSquareMeters: park[position] as number,
  }));
}

export interface SnapshotInput {
  townships: readonly LocalTownship[];
  violations: readonly Violation[];
  fourNoUnits: readonly FourNoUnit[];
  villageBlocks: readonly VillageBlock[];
}

/** Cumulative weekly figures per township; the last week is the state of the records as of its date. */
export function createSnapshots(random: Random, input: SnapshotInput): Snapshot[] {
  const weeks = weekEndings(SNAPSHOT_WEEKS);
  const signingCurves = input.villageBlocks.map((block) => {
    const start = random.range(0.55, 0.95);
    const bend = random.range(0.6, 1.8);
    return weeks.map((_, week) => Math.round(block.properties.signedHouseholds * (start + (1 - start) * (week / (weeks.length - 1)) ** bend)));
  });
  return input.townships.flatMap((township) => {
    const id = township.record.id;
    const violations = input.violations.filter((violation) => violation.properties.townshipId === id);
    const units = input.fourNoUnits.filter((unit) => unit.properties.townshipId === id);
    return weeks.map((weekEnding, week): Snapshot => {
      let demolishedSquareMeters = 0;
      let violationsFound = 0;
      for (const { properties } of violations) {
        const demolishedOn = properties.statusDates['已拆除'];
        if (isDemolished(properties.status, properties.statusDates) && demolishedOn !== undefined && demolishedOn <= weekEnding) demolishedSquareMeters += properties.areaSquareMeters;
        if ((properties.statusDates['发现'] ?? '9999') <= weekEnding) violationsFound++;
      }
      const fourNoUnitsRectified = units.filter((unit) => unit.properties.rectifiedOn !== null && unit.properties.rectifiedOn <= weekEnding).length;
      const signedHouseholds = input.villageBlocks.reduce((sum, block, blockIndex) => (block.properties.townshipId === id ? sum + (signingCurves[blockIndex]?.[week] ?? 0) : sum), 0);
      return { id: `snapshot-${id}-${weekEnding}`, townshipId: id, weekEnding, demolishedSquareMeters, violationsFound, fourNoUnitsRectified, signedHouseholds };
    });
  });
}

/** Enterprises for the 小微园 sites; about two in three get a site (capacity permitting), and the sites' allocated floor area is updated. */
export function createEnterprises(random: Random, parkSites: ParkSite[], townships: readonly LocalTownship[], count: number): Enterprise[] {
  const taken = new Set<string>();
  const townshipWeights = townships.map((township) => township.urbanity + 0.2);
  return Array.from({ length: count }, (_, index): Enterprise => {
    const site = parkSites.length > 0 && random.chance(0.6) ? random.pick(parkSites) : null;
    const townshipId = site?.properties.townshipId ?? random.weighted(townships, townshipWeights).record.id;
    const industry = random.pick(INDUSTRIES);
    const floorAreaNeededSquareMeters = Math.round(random.range(500, 6000) / 50) * 50;
    const wantsSite = random.chance(0.68);
    const candidates = [
      ...parkSites.filter((candidate) => candidate.properties.townshipId === townshipId),
      ...parkSites.filter((candidate) => candidate.properties.townshipId !== townshipId),
    ];
    const allocated = wantsSite
      ? candidates.find((candidate) => candidate.properties.capacitySquareMeters - candidate.properties.allocatedSquareMeters >= floorAreaNeededSquareMeters)
      : undefined;
    if (allocated) allocated.properties.allocatedSquareMeters += floorAreaNeededSquareMeters;
    return {
      id: `enterprise-${String(index + 1).padStart(3, '0')}`,
      name: uniqueCompanyName(random, taken, industry),
      industry,
      townshipId,
      floorAreaNeededSquareMeters,
      source: random.chance(0.55) ? '四无整治' : '工业区块搬迁',
      parkSiteId: allocated?.id ?? null,
    };
  });
}
