/**
 * Turns a validated imported feature into a record of the target kind: recognised attributes are
 * kept when their values are valid, the rest get documented defaults, the township and village
 * are found from the location when the file doesn't name them, and the area is always recomputed
 * on the ellipsoid. Unrecognised attributes are kept as they are.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import {
  BUILDING_TYPES, DISPOSAL_CLASSES, OWNER_TYPES, VIOLATION_ORIGINS, ZONE_TYPES,
  type ModelledKind, type Township, type Village,
} from '../domain/records';
import { RED_LINE_TYPES } from '../domain/red-lines';
import { isViolationStatus } from '../domain/violation-status';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';

export const IMPORTABLE_KINDS = ['violations', 'zones', 'villageBlocks', 'industrialBlocks', 'parkSites', 'fourNoUnits', 'townships', 'villages', 'redLines'] as const;
export type ImportableKind = (typeof IMPORTABLE_KINDS)[number];

export function isImportableKind(kind: string): kind is ImportableKind {
  return (IMPORTABLE_KINDS as readonly string[]).includes(kind);
}

export function geometryExpectationOf(kind: ImportableKind): 'area' | 'point' {
  return kind === 'fourNoUnits' ? 'point' : 'area';
}

export interface NormaliseContext {
  townships: readonly Township[];
  villages: readonly Village[];
  isoDate: string;
  index: number;
}

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : fallback;
const number = (value: unknown, fallback: number): number => {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : fallback;
};
const oneOf = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

function locate(feature: Feature, context: NormaliseContext): { townshipId: string; villageId: string } {
  const point = feature.geometry.type === 'Point' ? (feature.geometry as Point) : turf.pointOnFeature(feature).geometry;
  const inside = (area: Feature<Polygon | MultiPolygon>) => turf.booleanPointInPolygon(point, area);
  return {
    townshipId: context.townships.find(inside)?.id ?? '',
    villageId: context.villages.find(inside)?.id ?? '',
  };
}

type Properties = Record<string, unknown>;

function violationProperties(source: Properties, base: Properties, context: NormaliseContext): Properties {
  const status = isViolationStatus(source['status']) ? source['status'] : '发现';
  const origin = oneOf(VIOLATION_ORIGINS, source['origin'], '新增');
  return {
    ...base,
    code: text(source['code'] ?? source['图斑编号'], `IMP-${context.isoDate}-${context.index + 1}`),
    buildingType: oneOf(BUILDING_TYPES, source['buildingType'] ?? source['建筑类型'], '其他'),
    yearBuilt: Math.trunc(number(source['yearBuilt'] ?? source['建成年份'], Number(context.isoDate.slice(0, 4)))),
    ownerType: oneOf(OWNER_TYPES, source['ownerType'] ?? source['权属类型'], '个人'),
    ownerName: text(source['ownerName'] ?? source['当事人'], ''),
    status,
    statusDates: { 发现: context.isoDate, [status]: context.isoDate },
    origin,
    disposalClass: origin === '存量' ? oneOf(DISPOSAL_CLASSES, source['disposalClass'], '拆除') : null,
  };
}

function kindProperties(kind: ImportableKind, source: Properties, base: Properties, context: NormaliseContext): Properties {
  const name = text(source['name'] ?? source['名称'], `导入要素 ${context.index + 1}`);
  switch (kind) {
    case 'violations':
      return violationProperties(source, base, context);
    case 'zones':
      return {
        ...base, name, zoneType: oneOf(ZONE_TYPES, source['zoneType'], '低效用地再开发'),
        responsibleUnit: text(source['responsibleUnit'], ''), plannedStart: text(source['plannedStart'], ''),
        plannedFinish: text(source['plannedFinish'], ''), targetDemolitionSquareMeters: number(source['targetDemolitionSquareMeters'], 0),
      };
    case 'villageBlocks':
      return {
        ...base, name, households: number(source['households'], 0), expropriatedHouseholds: number(source['expropriatedHouseholds'], 0),
        signedHouseholds: number(source['signedHouseholds'], 0), vacatedHouseholds: number(source['vacatedHouseholds'], 0),
        demolishedHouseholds: number(source['demolishedHouseholds'], 0),
      };
    case 'industrialBlocks':
      return { ...base, name, enterpriseCount: number(source['enterpriseCount'], 0) };
    case 'parkSites':
      return {
        ...base, name, zoneId: text(source['zoneId'], ''), capacitySquareMeters: number(source['capacitySquareMeters'], 0),
        allocatedSquareMeters: number(source['allocatedSquareMeters'], 0), plotRatio: number(source['plotRatio'], 0),
        stage: oneOf(['规划', '开工', '竣工'] as const, source['stage'], '规划'), stageDates: {},
      };
    case 'fourNoUnits':
      return { ...base, name, problems: [], foundOn: text(source['foundOn'], context.isoDate), rectifiedOn: null };
    case 'townships':
      return { ...source, name, code: text(source['code'], '') };
    case 'villages':
      return { ...base, name, households: number(source['households'], 0) };
    case 'redLines':
      // 规划控制线: the type from `lineType` / 控制线类型; an unknown type is read as 生态保护红线 (no construction).
      return {
        ...base, name, lineType: oneOf(RED_LINE_TYPES, source['lineType'] ?? source['控制线类型'], '生态保护红线'),
        source: text(source['source'] ?? source['依据'], ''),
      };
  }
}

/** Builds the record; `id` must already be unique. Zones must be single polygons. */
export function normaliseRecord(kind: ImportableKind, feature: Feature, id: string, context: NormaliseContext): Feature & { id: string } {
  const source = (feature.properties ?? {}) as Properties;
  const location = locate(feature, context);
  const base: Properties = {
    ...source,
    townshipId: text(source['townshipId'], location.townshipId),
    ...(kind === 'townships' ? {} : { villageId: text(source['villageId'], location.villageId) }),
    ...(feature.geometry.type === 'Point' ? {} : { areaSquareMeters: ellipsoidalAreaSquareMeters(feature) }),
  };
  return { type: 'Feature', id, geometry: feature.geometry, properties: kindProperties(kind, source, base, context) };
}

/** The record kinds whose stored records the normaliser reads for lookups. */
export const LOOKUP_KINDS: readonly ModelledKind[] = ['townships', 'villages'];
