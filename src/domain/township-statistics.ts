/**
 * Per-township and county roll-ups of the campaign, from the records' attributes (areas are the
 * stored ellipsoidal areas): violations by status, area demolished this year against the annual
 * target and the milestone already due, the week's change from the snapshots, 城中村 征/签/腾/拆,
 * 四无 整治率 and 小微园 floor area. Rates are 0…1, or null when the denominator is 0.
 */
import { addBlockHouseholds, emptyHouseholdProgress, fillHouseholdRates, rate, type HouseholdProgress } from './household-progress';
import { milestonePassed } from './milestones';
import type { FourNoUnit, ParkSite, Snapshot, Target, Township, VillageBlock, Violation } from './records';
import { VIOLATION_STATUSES, isDemolished, isDisposed, type ViolationStatus } from './violation-status';

export const COUNTY_ID = 'county';

export interface TownshipStatistics extends HouseholdProgress {
  townshipId: string;
  name: string;
  violationCount: number;
  violationAreaSquareMeters: number;
  countByStatus: Record<ViolationStatus, number>;
  /** Violations demolished (已拆除 date) in the target year. */
  demolishedCount: number;
  demolishedAreaSquareMeters: number;
  /** Violations not yet disposed (not 已拆除 / 已整改 / 销号). */
  remainingCount: number;
  remainingAreaSquareMeters: number;
  targetSquareMeters: number;
  completionRate: number | null;
  /** Share of the target that should already be reached (latest passed quarterly deadline), 0 before April. */
  milestoneShare: number;
  milestoneSquareMeters: number;
  behindMilestone: boolean;
  /** Demolished area of the latest snapshot week (latest minus the one before); null without two snapshots. */
  weekChangeSquareMeters: number | null;
  fourNoFound: number;
  fourNoRectified: number;
  fourNoTarget: number;
  rectificationRate: number | null;
  parkCapacitySquareMeters: number;
  parkCompletedSquareMeters: number;
  parkTargetSquareMeters: number;
}

export interface RollupInput {
  townships: readonly Township[];
  violations: readonly Violation[];
  villageBlocks: readonly VillageBlock[];
  fourNoUnits: readonly FourNoUnit[];
  parkSites: readonly ParkSite[];
  targets: readonly Target[];
  snapshots: readonly Snapshot[];
}


function createEmpty(townshipId: string, name: string): TownshipStatistics {
  return {
    townshipId, name, violationCount: 0, violationAreaSquareMeters: 0,
    countByStatus: Object.fromEntries(VIOLATION_STATUSES.map((status) => [status, 0])) as Record<ViolationStatus, number>,
    demolishedCount: 0, demolishedAreaSquareMeters: 0, remainingCount: 0, remainingAreaSquareMeters: 0,
    targetSquareMeters: 0, completionRate: null, milestoneShare: 0, milestoneSquareMeters: 0, behindMilestone: false,
    weekChangeSquareMeters: null, ...emptyHouseholdProgress(), fourNoFound: 0, fourNoRectified: 0, fourNoTarget: 0,
    rectificationRate: null, parkCapacitySquareMeters: 0, parkCompletedSquareMeters: 0, parkTargetSquareMeters: 0,
  };
}

function addViolation(stats: TownshipStatistics, violation: Violation, year: number): void {
  const { status, statusDates, areaSquareMeters } = violation.properties;
  stats.violationCount += 1;
  stats.violationAreaSquareMeters += areaSquareMeters;
  stats.countByStatus[status] += 1;
  const demolishedOn = statusDates['已拆除'];
  if (isDemolished(status, statusDates) && demolishedOn?.startsWith(String(year))) {
    stats.demolishedCount += 1;
    stats.demolishedAreaSquareMeters += areaSquareMeters;
  }
  if (!isDisposed(status)) {
    stats.remainingCount += 1;
    stats.remainingAreaSquareMeters += areaSquareMeters;
  }
}

/** Fills the rates and milestone fields from the summed figures. */
function finish(stats: TownshipStatistics, milestoneShare: number): TownshipStatistics {
  stats.completionRate = rate(stats.demolishedAreaSquareMeters, stats.targetSquareMeters);
  stats.milestoneShare = milestoneShare;
  stats.milestoneSquareMeters = stats.targetSquareMeters * milestoneShare;
  stats.behindMilestone = stats.targetSquareMeters > 0 && stats.demolishedAreaSquareMeters < stats.milestoneSquareMeters;
  fillHouseholdRates(stats);
  stats.rectificationRate = rate(stats.fourNoRectified, stats.fourNoFound);
  return stats;
}

function weekChange(snapshots: readonly Snapshot[]): number | null {
  const ordered = [...snapshots].sort((a, b) => a.weekEnding.localeCompare(b.weekEnding));
  const last = ordered[ordered.length - 1];
  const previous = ordered[ordered.length - 2];
  return last && previous ? last.demolishedSquareMeters - previous.demolishedSquareMeters : null;
}

const SUMMED_FIELDS = [
  'violationCount', 'violationAreaSquareMeters', 'demolishedCount', 'demolishedAreaSquareMeters', 'remainingCount',
  'remainingAreaSquareMeters', 'targetSquareMeters', 'households', 'expropriatedHouseholds', 'signedHouseholds',
  'vacatedHouseholds', 'demolishedHouseholds', 'fourNoFound', 'fourNoRectified', 'fourNoTarget',
  'parkCapacitySquareMeters', 'parkCompletedSquareMeters', 'parkTargetSquareMeters',
] as const;

/**
 * Statistics per township (in the order of `input.townships`) and the county total (last), for
 * the target year of `isoDate`. Records whose townshipId matches no township count in the county
 * only.
 */
export function computeTownshipStatistics(input: RollupInput, isoDate: string): { townships: TownshipStatistics[]; county: TownshipStatistics } {
  const year = Number(isoDate.slice(0, 4));
  const milestoneShare = milestonePassed(isoDate)?.share ?? 0;
  const byId = new Map(input.townships.map((township) => [township.id, createEmpty(township.id, township.properties.name)]));
  // Records whose township is not listed still count in the county total.
  const orphans = new Map<string, TownshipStatistics>();
  const targetOf = (id: string): TownshipStatistics => {
    const listed = byId.get(id) ?? orphans.get(id);
    if (listed) return listed;
    const created = createEmpty(id, id);
    orphans.set(id, created);
    return created;
  };
  for (const violation of input.violations) addViolation(targetOf(violation.properties.townshipId), violation, year);
  for (const block of input.villageBlocks) {
    addBlockHouseholds(targetOf(block.properties.townshipId), block.properties);
  }
  for (const unit of input.fourNoUnits) {
    const stats = targetOf(unit.properties.townshipId);
    stats.fourNoFound += 1;
    if (unit.properties.rectifiedOn) stats.fourNoRectified += 1;
  }
  for (const site of input.parkSites) {
    const stats = targetOf(site.properties.townshipId);
    stats.parkCapacitySquareMeters += site.properties.capacitySquareMeters;
    if (site.properties.stage === '竣工') stats.parkCompletedSquareMeters += site.properties.capacitySquareMeters;
  }
  for (const target of input.targets.filter((entry) => entry.year === year)) {
    const stats = targetOf(target.townshipId);
    stats.targetSquareMeters += target.demolitionSquareMeters;
    stats.fourNoTarget += target.fourNoUnitsFound;
    stats.parkTargetSquareMeters += target.parkFloorSquareMeters;
  }
  const townships = [...byId.values()];
  const county = createEmpty(COUNTY_ID, '全县');
  let weekChanges: number | null = null;
  for (const stats of [...townships, ...orphans.values()]) {
    stats.weekChangeSquareMeters = weekChange(input.snapshots.filter((snapshot) => snapshot.townshipId === stats.townshipId));
    finish(stats, milestoneShare);
    for (const field of SUMMED_FIELDS) county[field] += stats[field];
    for (const status of VIOLATION_STATUSES) county.countByStatus[status] += stats.countByStatus[status];
    if (stats.weekChangeSquareMeters !== null) weekChanges = (weekChanges ?? 0) + stats.weekChangeSquareMeters;
  }
  county.weekChangeSquareMeters = weekChanges;
  return { townships, county: finish(county, milestoneShare) };
}
