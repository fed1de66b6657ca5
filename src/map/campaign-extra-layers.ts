/**
 * The layers of the campaign's other record kinds, drawn above the campaign layers: 网格 (cells not
 * patrolled this week filled orange), 无违建 villages (qualified ones filled green) and 危旧房 (by
 * grade; D级 not vacated — the 五个一律 alarm — large with a thick red ring). Small data, so plain
 * GeoJSON layers; colours are recomputed only when their records change.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import { isDangerAlarm, type DangerousBuildingProperties } from '../domain/dangerous-buildings';
import { cellPatrolStatuses } from '../domain/grid-patrols';
import { villageNoViolationStandings } from '../domain/no-violation';
import type { LayerSetting } from '../state/layer-settings';
import type { ProjectRecords } from '../state/project-state';
import { isoDateOf } from '../state/violation-commands';
import { FIRST_LABEL_LAYER_ID } from './base-style';
import { CAMPAIGN_EXTRA_COLORS, GRADE_COLORS } from './campaign-extra-legends';

const FLAT = { depthWriteEnabled: false, depthCompare: 'always' } as const;
const collections = new WeakMap<readonly unknown[], FeatureCollection>();
function collectionOf(records: readonly unknown[]): FeatureCollection {
  let collection = collections.get(records);
  if (!collection) collections.set(records, (collection = { type: 'FeatureCollection', features: records as Feature[] }));
  return collection;
}

let patrolCache: { cells: unknown; reports: unknown; today: string; unpatrolled: Set<string> } | null = null;
function unpatrolledCells(records: ProjectRecords, today: string): Set<string> {
  if (patrolCache?.cells === records.gridCells && patrolCache.reports === records.patrolReports && patrolCache.today === today) return patrolCache.unpatrolled;
  const statuses = cellPatrolStatuses(records.gridCells, records.patrolReports, today);
  const unpatrolled = new Set([...statuses].filter(([, status]) => !status.patrolledThisWeek).map(([id]) => id));
  patrolCache = { cells: records.gridCells, reports: records.patrolReports, today, unpatrolled };
  return unpatrolled;
}

let qualifiedCache: { villages: unknown; violations: unknown; qualified: Set<string> } | null = null;
function qualifiedVillages(records: ProjectRecords): Set<string> {
  if (qualifiedCache?.villages === records.villages && qualifiedCache.violations === records.violations) return qualifiedCache.qualified;
  const standings = villageNoViolationStandings(records.villages.map((village) => village.id), records.violations);
  const qualified = new Set(standings.filter((standing) => standing.qualified).map((standing) => standing.id));
  qualifiedCache = { villages: records.villages, violations: records.violations, qualified };
  return qualified;
}

function common(setting: LayerSetting) {
  return { beforeId: FIRST_LABEL_LAYER_ID, parameters: FLAT, visible: setting.visible, opacity: setting.opacity, stroked: true, filled: true, lineWidthUnits: 'pixels' };
}

function gridLayer(records: ProjectRecords, setting: LayerSetting, today: string): Layer {
  const unpatrolled = unpatrolledCells(records, today);
  return new GeoJsonLayer({
    id: 'gridCells', ...common(setting), data: collectionOf(records.gridCells), pickable: true,
    getFillColor: ((feature: Feature) => (unpatrolled.has(String(feature.id)) ? CAMPAIGN_EXTRA_COLORS.cellUnpatrolledFill : CAMPAIGN_EXTRA_COLORS.cellPatrolledFill)) as never,
    getLineColor: ((feature: Feature) => (unpatrolled.has(String(feature.id)) ? CAMPAIGN_EXTRA_COLORS.cellUnpatrolledLine : CAMPAIGN_EXTRA_COLORS.cellLine)) as never,
    getLineWidth: ((feature: Feature) => (unpatrolled.has(String(feature.id)) ? 2 : 1)) as never,
    updateTriggers: { getFillColor: [unpatrolled], getLineColor: [unpatrolled], getLineWidth: [unpatrolled] },
  } as never);
}

const NONE_QUALIFIED = new Set<string>();

function noViolationLayer(records: ProjectRecords, setting: LayerSetting): Layer {
  // A hidden layer keeps its last colours: the standings (every violation by village) are worked
  // out when it is shown, not after each edit or import while it is off.
  const qualified = setting.visible ? qualifiedVillages(records) : qualifiedCache?.qualified ?? NONE_QUALIFIED;
  return new GeoJsonLayer({
    // Not pickable: clicking a village selects it through the base village layer.
    id: 'noViolationVillages', ...common(setting), data: collectionOf(records.villages), pickable: false,
    getFillColor: ((feature: Feature) => (qualified.has(String(feature.id)) ? CAMPAIGN_EXTRA_COLORS.qualifiedFill : CAMPAIGN_EXTRA_COLORS.notQualifiedFill)) as never,
    getLineColor: ((feature: Feature) => (qualified.has(String(feature.id)) ? CAMPAIGN_EXTRA_COLORS.qualifiedLine : CAMPAIGN_EXTRA_COLORS.notQualifiedLine)) as never,
    getLineWidth: 2.5,
    updateTriggers: { getFillColor: [qualified], getLineColor: [qualified] },
  } as never);
}

function dangerousBuildingLayer(records: ProjectRecords, setting: LayerSetting): Layer {
  const alarm = (feature: Feature) => isDangerAlarm(feature.properties as DangerousBuildingProperties);
  return new GeoJsonLayer({
    id: 'dangerousBuildings', ...common(setting), data: collectionOf(records.dangerousBuildings), pickable: true, pointType: 'circle',
    getFillColor: ((feature: Feature) => GRADE_COLORS[(feature.properties as DangerousBuildingProperties).grade] ?? GRADE_COLORS.D) as never,
    getLineColor: ((feature: Feature) => (alarm(feature) ? CAMPAIGN_EXTRA_COLORS.alarmLine : CAMPAIGN_EXTRA_COLORS.pointLine)) as never,
    getLineWidth: ((feature: Feature) => (alarm(feature) ? 4 : 1)) as never,
    getPointRadius: ((feature: Feature) => (alarm(feature) ? 60 : 20)) as never,
    pointRadiusUnits: 'meters', pointRadiusMinPixels: 3, pointRadiusMaxPixels: 14,
    updateTriggers: { getFillColor: [records.dangerousBuildings], getLineColor: [records.dangerousBuildings], getLineWidth: [records.dangerousBuildings], getPointRadius: [records.dangerousBuildings] },
  } as never);
}

/**
 * The extra campaign layers in the layer panel's order (bottom first). "This week" is the week of
 * the local date on this machine, as everywhere else in the app.
 */
export function createCampaignExtraLayers(context: { records: ProjectRecords; layers: readonly LayerSetting[] }): Layer[] {
  const today = isoDateOf(new Date());
  return context.layers.flatMap((setting) => {
    switch (setting.id) {
      case 'gridCells':
        return [gridLayer(context.records, setting, today)];
      case 'noViolationVillages':
        return [noViolationLayer(context.records, setting)];
      case 'dangerousBuildings':
        return [dangerousBuildingLayer(context.records, setting)];
      default:
        return [];
    }
  });
}
