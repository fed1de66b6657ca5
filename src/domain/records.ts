/**
 * The typed records of the campaign. Spatial records are GeoJSON features with a string `id`;
 * tabular records are plain objects with an `id`. Every property is JSON-only so records survive
 * IndexedDB, workers and export unchanged. Areas are square metres, dates ISO `YYYY-MM-DD`.
 */
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { BlacklistEntry } from './blacklist';
import type { ChangePatch } from './change-patches';
import type { DangerousBuilding } from './dangerous-buildings';
import type { Epoch } from './epochs';
import type { GridCell, PatrolReport } from './grid-patrols';
import type { LandUseParcel } from './land-use';
import type { ProjectMilestone } from './project-milestones';
import type { RedLine } from './red-lines';
import type { StatusDates, ViolationStatus } from './violation-status';

/** A GeoJSON feature whose `id` is always a string. */
export type SpatialRecord<G extends Polygon | MultiPolygon | Point, P> = Feature<G, P> & { id: string };
export type AreaGeometry = Polygon | MultiPolygon;

export interface TownshipProperties {
  name: string;
  /** 行政区划代码 (administrative division code). */
  code: string;
}
export type Township = SpatialRecord<AreaGeometry, TownshipProperties>;

export interface VillageProperties {
  name: string;
  townshipId: string;
  households: number;
}
export type Village = SpatialRecord<AreaGeometry, VillageProperties>;

/** 城中村 block with the household counts of 征 / 签 / 腾 / 拆. */
export interface VillageBlockProperties {
  name: string;
  townshipId: string;
  villageId: string;
  /** Households in the block (the denominator of 签约率). */
  households: number;
  /** Households covered by the expropriation decision (征). */
  expropriatedHouseholds: number;
  /** Households that signed agreements (签). */
  signedHouseholds: number;
  /** Households that have moved out (腾). */
  vacatedHouseholds: number;
  /** Houses demolished (拆除数). */
  demolishedHouseholds: number;
  areaSquareMeters: number;
}
export type VillageBlock = SpatialRecord<AreaGeometry, VillageBlockProperties>;

/** 工业区块: an old industrial block, often 低散乱危. */
export interface IndustrialBlockProperties {
  name: string;
  townshipId: string;
  enterpriseCount: number;
  areaSquareMeters: number;
}
export type IndustrialBlock = SpatialRecord<AreaGeometry, IndustrialBlockProperties>;

export const BUILDING_TYPES = ['住宅', '厂房', '仓库', '商铺', '附属用房', '其他'] as const;
export type BuildingType = (typeof BUILDING_TYPES)[number];
export const OWNER_TYPES = ['个人', '企业', '村集体'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];
export const VIOLATION_ORIGINS = ['新增', '存量'] as const;
export type ViolationOrigin = (typeof VIOLATION_ORIGINS)[number];
export const DISPOSAL_CLASSES = ['拆除', '没收', '完善手续', '保留临时使用'] as const;
export type DisposalClass = (typeof DISPOSAL_CLASSES)[number];

/** 违建图斑: one illegal building, with its 图斑编号 in `code`. */
export interface ViolationProperties {
  code: string;
  buildingType: BuildingType;
  townshipId: string;
  villageId: string;
  yearBuilt: number;
  ownerType: OwnerType;
  ownerName: string;
  /** Ellipsoidal area of the footprint. */
  areaSquareMeters: number;
  status: ViolationStatus;
  statusDates: StatusDates;
  origin: ViolationOrigin;
  /** 分类处置 class; only for 存量 (historical) violations, otherwise null. */
  disposalClass: DisposalClass | null;
}
export type Violation = SpatialRecord<AreaGeometry, ViolationProperties>;

export const ZONE_TYPES = ['城中村改造', '工业区块整治', '低效用地再开发'] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

/** 改造区块: a redevelopment zone drawn by planners. */
export interface ZoneProperties {
  name: string;
  zoneType: ZoneType;
  townshipId: string;
  responsibleUnit: string;
  plannedStart: string;
  plannedFinish: string;
  targetDemolitionSquareMeters: number;
}
export type Zone = SpatialRecord<Polygon, ZoneProperties>;

export const PARK_STAGES = ['规划', '开工', '竣工'] as const;
export type ParkStage = (typeof PARK_STAGES)[number];

/** 小微园 site. Land area is derived from the geometry; floor areas are planned figures. */
export interface ParkSiteProperties {
  name: string;
  zoneId: string;
  townshipId: string;
  /** Planned floor area (计容建筑面积). */
  capacitySquareMeters: number;
  /** Floor area allocated to enterprises. */
  allocatedSquareMeters: number;
  plotRatio: number;
  stage: ParkStage;
  stageDates: Partial<Record<ParkStage, string>>;
}
export type ParkSite = SpatialRecord<Polygon, ParkSiteProperties>;

export const ENTERPRISE_SOURCES = ['四无整治', '工业区块搬迁'] as const;
export type EnterpriseSource = (typeof ENTERPRISE_SOURCES)[number];

export interface Enterprise {
  id: string;
  name: string;
  industry: string;
  townshipId: string;
  floorAreaNeededSquareMeters: number;
  source: EnterpriseSource;
  /** The park site it is allocated to, or null while it waits for one. */
  parkSiteId: string | null;
}

export const FOUR_NO_PROBLEMS = ['无证照', '无安全保障', '无合法场所', '无环保措施'] as const;
export type FourNoProblem = (typeof FOUR_NO_PROBLEMS)[number];

/** A 四无 生产经营单位 found in 排查; `rectifiedOn` is set once 整治 is done. */
export interface FourNoUnitProperties {
  name: string;
  townshipId: string;
  villageId: string;
  problems: FourNoProblem[];
  foundOn: string;
  rectifiedOn: string | null;
}
export type FourNoUnit = SpatialRecord<Point, FourNoUnitProperties>;

/** A township's annual targets; quarterly milestones are fixed shares of these (see milestones). */
export interface Target {
  id: string;
  townshipId: string;
  year: number;
  demolitionSquareMeters: number;
  fourNoUnitsFound: number;
  parkFloorSquareMeters: number;
}

/** Cumulative progress of a township at the end of one week (周通报 data). */
export interface Snapshot {
  id: string;
  townshipId: string;
  weekEnding: string;
  demolishedSquareMeters: number;
  violationsFound: number;
  fourNoUnitsRectified: number;
  signedHouseholds: number;
}

/** The records of each kind that the current issues define; later kinds are added as they land. */
export interface RecordsByKind {
  townships: Township;
  villages: Village;
  villageBlocks: VillageBlock;
  industrialBlocks: IndustrialBlock;
  violations: Violation;
  zones: Zone;
  landUseParcels: LandUseParcel;
  parkSites: ParkSite;
  enterprises: Enterprise;
  fourNoUnits: FourNoUnit;
  targets: Target;
  snapshots: Snapshot;
  epochs: Epoch;
  changePatches: ChangePatch;
  dangerousBuildings: DangerousBuilding;
  gridCells: GridCell;
  patrolReports: PatrolReport;
  blacklist: BlacklistEntry;
  milestones: ProjectMilestone;
  redLines: RedLine;
}
export type ModelledKind = keyof RecordsByKind;
