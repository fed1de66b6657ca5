/**
 * Selector for the attribute panel: the selected record's attributes as display strings (ids
 * resolved to names), its ellipsoidal area, and — for a violation — the statuses it may move to.
 */
import type { Feature } from 'geojson';
import { ATTRIBUTE_LABELS } from '../domain/attribute-labels';
import type { ModelledKind } from '../domain/records';
import { nextViolationStatuses, type ViolationStatus } from '../domain/violation-status';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { LAYER_LABELS, type LayerId } from './layer-settings';
import type { ProjectRecords, ProjectState, Selection } from './project-state';

export interface AttributeRow {
  label: string;
  value: string;
}

export interface FeatureDetails {
  layerId: LayerId;
  id: string;
  layerLabel: string;
  title: string;
  rows: AttributeRow[];
  /** Ellipsoidal area of the geometry in m²; null for points. */
  areaSquareMeters: number | null;
  /** For violations: the current status and the statuses it may move to next. */
  violationStatus: { current: ViolationStatus; next: readonly ViolationStatus[] } | null;
}

const REFERENCE_KINDS: Record<string, ModelledKind> = { townshipId: 'townships', villageId: 'villages', zoneId: 'zones' };

function displayValue(records: ProjectRecords, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const referenceKind = REFERENCE_KINDS[key];
  if (referenceKind && typeof value === 'string') {
    const referenced = (records[referenceKind] as Feature[]).find((record) => record.id === value);
    const name = referenced?.properties?.['name'];
    return typeof name === 'string' ? name : value;
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(String).join('、');
  if (typeof value === 'number') return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${String(v)}`).join('；');
  }
  return String(value);
}

function findFeature(records: ProjectRecords, selection: Selection): Feature | undefined {
  if (!(selection.layerId in records)) return undefined;
  return (records[selection.layerId as ModelledKind] as { id: string }[]).find(
    (record) => record.id === selection.id,
  ) as Feature | undefined;
}

export function selectFeatureDetails(state: ProjectState): FeatureDetails | null {
  const { selection, records } = state;
  if (!selection) return null;
  const feature = findFeature(records, selection);
  if (!feature) return null;
  const properties = (feature.properties ?? {}) as Record<string, unknown>;
  const labels = ATTRIBUTE_LABELS[selection.layerId as ModelledKind] ?? [];
  const rows = labels.map(([key, label]) => ({ label, value: displayValue(records, key, properties[key]) }));
  const isArea = feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon';
  const status = properties['status'] as ViolationStatus | undefined;
  const titleValue = properties['name'] ?? properties['code'] ?? properties['address'] ?? selection.id;
  return {
    layerId: selection.layerId,
    id: selection.id,
    layerLabel: LAYER_LABELS[selection.layerId],
    title: String(titleValue),
    rows,
    areaSquareMeters: isArea ? ellipsoidalAreaSquareMeters(feature) : null,
    violationStatus:
      selection.layerId === 'violations' && status ? { current: status, next: nextViolationStatuses(status) } : null,
  };
}
