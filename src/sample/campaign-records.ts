/**
 * The campaign records beyond zones and violations — 危旧房, 网格 and 巡查报告, 黑名单 and project
 * timelines — drawn from their own random stream (seed-derived), so adding them leaves every
 * other record of the sample unchanged.
 */
import type { BlacklistEntry } from '../domain/blacklist';
import type { DangerousBuilding } from '../domain/dangerous-buildings';
import type { GridCell, PatrolReport } from '../domain/grid-patrols';
import type { ProjectMilestone } from '../domain/project-milestones';
import type { Violation, VillageBlock } from '../domain/records';
import type { Boundaries } from './boundaries';
import { createBlacklist } from './campaign-blacklist';
import { createDangerousBuildings } from './campaign-dangerous-buildings';
import { createGridCells, createPatrolReports } from './campaign-grid-patrols';
import { createProjectMilestones } from './campaign-project-milestones';
import { createRandom } from './random';

export interface CampaignRecords {
  dangerousBuildings: DangerousBuilding[];
  gridCells: GridCell[];
  patrolReports: PatrolReport[];
  blacklist: BlacklistEntry[];
  milestones: ProjectMilestone[];
}

export interface CampaignRecordOptions {
  seed: number;
  /** Violations per reference county (5,000): 危旧房 and the blacklist scale with it. */
  scale: number;
}

/** 2.5 km cells: ~150 网格 over the county (a 网格员 covers a few villages' worth of land). */
export const GRID_CELL_SIZE_METERS = 2500;
const PATROL_WEEKS = 4;
const PROJECT_COUNT = 8;

export function createCampaignRecords(options: CampaignRecordOptions, boundaries: Boundaries, violations: readonly Violation[], villageBlocks: readonly VillageBlock[]): CampaignRecords {
  // An odd constant keeps this stream apart from the main one derived from the same seed.
  const random = createRandom((options.seed ^ 0x5bd1e995) >>> 0);
  const streams = Array.from({ length: 4 }, () => random.fork());
  const stream = (index: number) => streams[index] as (typeof streams)[number];
  const gridCells = createGridCells(stream(1), boundaries, GRID_CELL_SIZE_METERS);
  return {
    dangerousBuildings: createDangerousBuildings(stream(0), boundaries, Math.max(20, Math.round(300 * options.scale))),
    gridCells,
    patrolReports: createPatrolReports(stream(1), gridCells, violations, PATROL_WEEKS),
    blacklist: createBlacklist(stream(2), violations, Math.max(5, Math.min(40, Math.round(20 * options.scale)))),
    milestones: createProjectMilestones(stream(3), villageBlocks, PROJECT_COUNT),
  };
}
