/**
 * What a journal entry changed, as text rows for the history view: each changed attribute with
 * its value before → after (labels as the attribute panel shows them), the geometry as vertex
 * count and ellipsoidal area, or one line for a created / deleted record. Pure.
 */
import type { Geometry } from 'geojson';
import { ATTRIBUTE_LABELS } from '../domain/attribute-labels';
import { formatArea } from '../domain/area-units';
import type { ModelledKind } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { JournalEntry } from '../storage/journal';

export interface AttributeChange {
  label: string;
  before: string;
  after: string;
}

export interface EntryDescription {
  /** 新建 / 删除 for a created or deleted record, null for a change. */
  lifecycle: '新建记录' | '删除记录' | null;
  changes: AttributeChange[];
}

const EMPTY = '—';

export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'number') return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, inner]) => `${key} ${valueText(inner)}`).join('；');
  return String(value);
}

function geometryText(geometry: unknown): string {
  if (!geometry || typeof geometry !== 'object') return EMPTY;
  const typed = geometry as Geometry;
  if (typed.type === 'Polygon' || typed.type === 'MultiPolygon') {
    const polygons = typed.type === 'Polygon' ? [typed.coordinates] : typed.coordinates;
    // Rings repeat their first vertex at the end.
    const vertices = polygons.flat().reduce((total, ring) => total + Math.max(0, ring.length - 1), 0);
    const area = formatArea(ellipsoidalAreaSquareMeters(typed));
    return `${vertices} 个顶点，面积 ${area.squareMeters}（${area.mu}）`;
  }
  return typed.type;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The attributes of a record: a feature's properties, or the record's own fields. */
function attributesOf(record: object | null): Record<string, unknown> {
  if (!record) return {};
  const properties = (record as { properties?: unknown }).properties;
  if (properties && typeof properties === 'object') return properties as Record<string, unknown>;
  const { id: _id, ...rest } = record as Record<string, unknown>;
  return rest;
}

/** The rows of one journal entry about one record. */
export function describeJournalEntry(entry: JournalEntry): EntryDescription {
  if (entry.before === null) return { lifecycle: '新建记录', changes: [] };
  if (entry.after === null) return { lifecycle: '删除记录', changes: [] };
  const labels = new Map(ATTRIBUTE_LABELS[entry.kind as ModelledKind] ?? []);
  const before = attributesOf(entry.before);
  const after = attributesOf(entry.after);
  const keys = [...labels.keys(), ...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key, index, all) => all.indexOf(key) === index);
  const changes: AttributeChange[] = [];
  for (const key of keys) {
    if (same(before[key], after[key])) continue;
    changes.push({ label: labels.get(key) ?? key, before: valueText(before[key]), after: valueText(after[key]) });
  }
  const beforeGeometry = (entry.before as { geometry?: unknown }).geometry;
  const afterGeometry = (entry.after as { geometry?: unknown }).geometry;
  if (!same(beforeGeometry, afterGeometry)) changes.push({ label: '图形', before: geometryText(beforeGeometry), after: geometryText(afterGeometry) });
  return { lifecycle: null, changes };
}
