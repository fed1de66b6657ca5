/**
 * A deterministic fictional county around 灵溪镇 (苍南县, ≈ 27.50°N 120.40°E) for demos, tests and
 * benchmarks: seven townships, ~60 villages, 城中村 and industrial blocks, violations clustered in
 * them, redevelopment zones cutting through the clusters, 小微园 sites, 四无 units, targets and
 * weekly snapshots, plus a base map of roads and rivers. Pure: no I/O, same options → same output.
 */
import type { LandUseParcel } from '../domain/land-use';
import type { RedLine } from '../domain/red-lines';
import type {
  Enterprise,
  FourNoUnit,
  IndustrialBlock,
  ParkSite,
  Snapshot,
  Target,
  Township,
  Village,
  VillageBlock,
  Violation,
  Zone,
} from '../domain/records';
import { generateBaseMap, type BaseMap } from './base-map';
import { createIndustrialBlocks, createVillageBlocks, ALLOCATION_WEIGHTS, planClusters } from './blocks';
import { generateBoundaries } from './boundaries';
import { createCampaignRecords, type CampaignRecords } from './campaign-records';
import { allocateCounts } from './clusters';
import { createFourNoUnits } from './four-no-units';
import { createLandUsePlans, withNegativeListEnterprises } from './land-use-plans';
import { createRandom } from './random';
import { createRedLines } from './red-lines';
import { createEnterprises, createSnapshots, createTargets } from './tabular';
import { generateViolations } from './violations';
import { createParkSites, createZones } from './zones';

export interface SampleCountyOptions {
  seed: number;
  /** Number of violation polygons; 5,000 gives the county-scale sample, 100,000 the benchmark. */
  violationCount: number;
  /** Number of redevelopment zones (default 15). */
  zoneCount?: number;
}

/** The options of the committed sample (data/sample-county.json). */
export const DEFAULT_SAMPLE_COUNTY_OPTIONS = { seed: 330327, violationCount: 5000, zoneCount: 15 } as const;

/** Violations per "county" of the documents' scale; targets and 四无 units scale with violationCount / this. */
export const REFERENCE_VIOLATION_COUNT = 5000;
const FOUR_NO_UNITS_PER_REFERENCE = 800;

export interface SampleCountyRecords extends CampaignRecords {
  townships: Township[];
  villages: Village[];
  villageBlocks: VillageBlock[];
  industrialBlocks: IndustrialBlock[];
  violations: Violation[];
  zones: Zone[];
  landUseParcels: LandUseParcel[];
  parkSites: ParkSite[];
  enterprises: Enterprise[];
  fourNoUnits: FourNoUnit[];
  targets: Target[];
  snapshots: Snapshot[];
  /** 规划控制线 crossing some of the planned zones. */
  redLines: RedLine[];
}

export interface SampleCounty {
  records: SampleCountyRecords;
  /** Roads and rivers, drawn under the records; not records themselves. */
  baseMap: BaseMap;
}

export function generateCounty(options: SampleCountyOptions): SampleCounty {
  const { seed, violationCount } = options;
  const zoneCount = options.zoneCount ?? DEFAULT_SAMPLE_COUNTY_OPTIONS.zoneCount;
  if (!Number.isInteger(violationCount) || violationCount < 0) throw new RangeError(`generateCounty: violationCount must be a non-negative integer, got ${violationCount}`);
  if (!Number.isInteger(zoneCount) || zoneCount < 0) throw new RangeError(`generateCounty: zoneCount must be a non-negative integer, got ${zoneCount}`);
  const scale = violationCount / REFERENCE_VIOLATION_COUNT;
  const random = createRandom(seed);
  // One independent stream per stage: the boundaries and base map don't change with the counts.
  const streams = Array.from({ length: 10 }, () => random.fork());
  const stream = (index: number) => streams[index] as (typeof streams)[number];
  const boundaries = generateBoundaries(stream(0));
  const { baseMap, obstacles } = generateBaseMap(stream(1), boundaries.townships, boundaries.villages);
  const clusters = planClusters(stream(2), boundaries, obstacles, { violationCount, zoneCount });
  const counts = allocateCounts(clusters, clusters.map((cluster) => ALLOCATION_WEIGHTS[cluster.kind]), violationCount);
  const paces = boundaries.townships.map(() => stream(3).range(0.75, 1.3));
  const placed = generateViolations(stream(3), { clusters, counts, townships: boundaries.townships, villages: boundaries.villages, paces });
  const violations = placed.map((placement) => placement.record);
  const villageBlocks = createVillageBlocks(stream(4), clusters, boundaries);
  const industrialBlocks = createIndustrialBlocks(stream(4), clusters, boundaries);
  const zones = createZones(stream(5), clusters, placed, boundaries, zoneCount);
  const parkCount = zoneCount <= 15 ? stream(6).integer(4, 6) : Math.max(6, Math.round(zoneCount / 10));
  const parkSites = createParkSites(stream(6), zones, clusters, boundaries, parkCount);
  const fourNoUnits = createFourNoUnits(stream(7), clusters, boundaries, Math.round(FOUR_NO_UNITS_PER_REFERENCE * scale));
  const enterprises = withNegativeListEnterprises(createEnterprises(stream(8), parkSites, boundaries.townships, Math.max(40, parkSites.length * 8)));
  const zoneRecords = zones.map((zone) => zone.record);
  const landUseParcels = createLandUsePlans(zoneRecords, violations);
  const targets = createTargets(stream(9), { townships: boundaries.townships, violations, fourNoUnits, scale });
  const snapshots = createSnapshots(stream(9), { townships: boundaries.townships, violations, fourNoUnits, villageBlocks });
  const campaign = createCampaignRecords({ seed, scale }, boundaries, violations, villageBlocks);
  return {
    records: {
      townships: boundaries.townships.map((township) => township.record),
      villages: boundaries.villages.map((village) => village.record),
      villageBlocks,
      industrialBlocks,
      violations,
      zones: zoneRecords,
      landUseParcels,
      parkSites,
      enterprises,
      fourNoUnits,
      targets,
      snapshots,
      ...campaign,
      redLines: createRedLines(zoneRecords, landUseParcels),
    },
    baseMap,
  };
}
