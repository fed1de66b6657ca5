/**
 * Zone edits as user commands: create, change geometry, change attributes, split, merge, delete,
 * and undo/redo of all of them. Each command decides from the current records (pure geometry from
 * `geo/`), records one history entry, and saves it as one IndexedDB transaction; the store changes
 * at once and the save status shows the write. A failed save is shown by the service; the edit
 * stays in memory and in the history.
 *
 * A zone's land-use parcels and 小微园 sites follow it (`zone-editor-cascade.ts`), in the same entry and
 * transaction: a merge re-points the absorbed zone's ones to the merged zone, a split re-points
 * each to the part it lies in, a delete deletes the parcels and the sites with the zone — and is
 * refused while a site in the zone still has enterprises allocated (移出 them first).
 *
 * One editor per project service (`zoneEditorFor`), so the history outlives route changes.
 */
import type { LineString, Polygon, Position } from 'geojson';
import type { Zone, ZoneProperties } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { mergeZonePolygons } from '../geo/merge-zone-polygons';
import { splitZonePolygon } from '../geo/split-zone-polygon';
import { acceptZonePolygon } from '../geo/validate-zone-polygon';
import { ZONE_EDIT_REASONS } from '../geo/zone-edit-result';
import {
  changesOf,
  createEditHistory,
  kindEditsOf,
  recordEdit,
  recordsMatch,
  redoStep,
  undoStep,
  type EditHistory,
  type RecordChange,
  type RecordEdit,
} from './edit-history';
import type { StoredRecord } from '../storage/repository';
import type { ProjectService } from './project-service';
import { deleteCascade, mergeCascade, splitCascade } from './zone-editor-cascade';

export type ZoneCommandResult<T = null> = { ok: true; value: T } | { ok: false; reason: string; location?: Position };

export const ZONE_COMMAND_REASONS = {
  zoneMissing: '找不到该区块（可能已被删除）',
  nothingToUndo: '没有可撤销的操作',
  nothingToRedo: '没有可重做的操作',
  conflict: '区块已在别处被修改，撤销记录已清空',
} as const;

/** Labels of the history entries, shown on the undo/redo buttons. */
export const ZONE_EDIT_LABELS = {
  create: '新建区块',
  geometry: '修改区块边界',
  attributes: '修改区块属性',
  split: '分割区块',
  merge: '合并区块',
  delete: '删除区块',
} as const;

export interface ZoneEditorOptions {
  /** New zone ids; injectable for tests. */
  createId?: () => string;
}

export interface ZoneEditor {
  getHistory(): EditHistory;
  subscribe(listener: () => void): () => void;
  /** Creates a zone; resolves (after the save) with its id. */
  createZone(polygon: Polygon, properties: ZoneProperties): Promise<ZoneCommandResult<string>>;
  updateZoneGeometry(zoneId: string, polygon: Polygon): Promise<ZoneCommandResult>;
  updateZoneAttributes(zoneId: string, properties: ZoneProperties): Promise<ZoneCommandResult>;
  /** Splits a zone; resolves with the ids of the parts, the largest (which keeps the zone's id) first. */
  splitZone(zoneId: string, line: LineString): Promise<ZoneCommandResult<string[]>>;
  /** Merges `otherId` into `zoneId` (which keeps its id and attributes). */
  mergeZones(zoneId: string, otherId: string): Promise<ZoneCommandResult>;
  deleteZone(zoneId: string): Promise<ZoneCommandResult>;
  /**
   * Records and saves an edit of another kind made from the planning map (e.g. a zone's land-use
   * plan), so the same undo/redo buttons take it back; one transaction each way.
   */
  applyEdit(edit: RecordEdit): Promise<ZoneCommandResult>;
  undo(): Promise<ZoneCommandResult<RecordEdit>>;
  redo(): Promise<ZoneCommandResult<RecordEdit>>;
}

/** `zone-` and 12 random hex digits (getRandomValues exists outside secure contexts too). */
export function createRandomZoneId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `zone-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The target demolition area shared out by area: whole m² per part, the rounding remainder on the
 * first (largest) part, so the parts add up to the whole.
 */
export function apportionTarget(totalSquareMeters: number, areasSquareMeters: readonly number[]): number[] {
  const sum = areasSquareMeters.reduce((total, area) => total + area, 0);
  if (sum <= 0) return areasSquareMeters.map((_, index) => (index === 0 ? totalSquareMeters : 0));
  const shares = areasSquareMeters.map((area) => Math.round((totalSquareMeters * area) / sum));
  shares[0] = (shares[0] ?? 0) + totalSquareMeters - shares.reduce((total, share) => total + share, 0);
  return shares;
}

function splitParts(zone: Zone, polygons: readonly Polygon[], createId: () => string): Zone[] {
  const targets = apportionTarget(zone.properties.targetDemolitionSquareMeters, polygons.map((polygon) => ellipsoidalAreaSquareMeters(polygon)));
  return polygons.map((geometry, index) => ({
    type: 'Feature',
    id: index === 0 ? zone.id : createId(),
    geometry,
    properties: {
      ...zone.properties,
      name: index === 0 ? zone.properties.name : `${zone.properties.name}-${index + 1}`,
      targetDemolitionSquareMeters: targets[index] ?? 0,
    },
  }));
}

export function createZoneEditor(service: ProjectService, options: ZoneEditorOptions = {}): ZoneEditor {
  const createId = options.createId ?? createRandomZoneId;
  let history = createEditHistory();
  const listeners = new Set<() => void>();

  function setHistory(next: EditHistory): void {
    history = next;
    for (const listener of [...listeners]) listener();
  }

  function zones(): Zone[] {
    return service.store.getState().records.zones;
  }

  function findZone(zoneId: string): Zone | undefined {
    return zones().find((zone) => zone.id === zoneId);
  }

  /** The current records of a kind, as an undo or redo step compares them. */
  function recordsOf(kind: RecordEdit['kind']): readonly { id: string }[] {
    return service.store.getState().records[kind];
  }

  /** Writes the changes of one edit (one transaction); a failed write shows in the save status, so it is not rethrown. */
  function save(changes: readonly RecordChange[]): Promise<void> {
    const [first] = changes;
    if (changes.length === 1 && first) return service.saveRecords(first.kind, first.put as StoredRecord[], first.deleted).catch(() => undefined);
    return service
      .saveChanges(changes.map((change) => ({ kind: change.kind, put: change.put as StoredRecord[], delete: change.deleted })))
      .catch(() => undefined);
  }

  async function apply<T, R extends { id: string }>(edit: RecordEdit<R>, value: T): Promise<ZoneCommandResult<T>> {
    const stored = withoutEmptyRelated(edit as RecordEdit);
    setHistory(recordEdit(history, stored));
    await save(changesOf(stored, 'forward'));
    return { ok: true, value };
  }

  async function step(direction: 'undo' | 'redo'): Promise<ZoneCommandResult<RecordEdit>> {
    const taken = direction === 'undo' ? undoStep(history) : redoStep(history);
    if (!taken) return { ok: false, reason: direction === 'undo' ? ZONE_COMMAND_REASONS.nothingToUndo : ZONE_COMMAND_REASONS.nothingToRedo };
    const { edit } = taken;
    const opposite = changesOf(edit, direction === 'undo' ? 'forward' : 'backward');
    const matches = kindEditsOf(edit).every((part, index) =>
      recordsMatch(recordsOf(part.kind), direction === 'undo' ? part.after : part.before, opposite[index]?.deleted ?? []),
    );
    if (!matches) {
      setHistory(createEditHistory());
      return { ok: false, reason: ZONE_COMMAND_REASONS.conflict };
    }
    setHistory(taken.history);
    await save(taken.changes);
    return { ok: true, value: edit };
  }

  return {
    getHistory: () => history,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async createZone(polygon, properties) {
      const accepted = acceptZonePolygon(polygon);
      if (!accepted.ok) return accepted;
      const zone: Zone = { type: 'Feature', id: createId(), geometry: accepted.value, properties: { ...properties } };
      return apply({ kind: 'zones', label: ZONE_EDIT_LABELS.create, before: [], after: [zone] }, zone.id);
    },
    async updateZoneGeometry(zoneId, polygon) {
      const zone = findZone(zoneId);
      if (!zone) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
      const accepted = acceptZonePolygon(polygon);
      if (!accepted.ok) return accepted;
      if (JSON.stringify(accepted.value) === JSON.stringify(zone.geometry)) return { ok: true, value: null };
      return apply({ kind: 'zones', label: ZONE_EDIT_LABELS.geometry, before: [zone], after: [{ ...zone, geometry: accepted.value }] }, null);
    },
    async updateZoneAttributes(zoneId, properties) {
      const zone = findZone(zoneId);
      if (!zone) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
      if (JSON.stringify(properties) === JSON.stringify(zone.properties)) return { ok: true, value: null };
      return apply({ kind: 'zones', label: ZONE_EDIT_LABELS.attributes, before: [zone], after: [{ ...zone, properties: { ...properties } }] }, null);
    },
    async splitZone(zoneId, line) {
      const zone = findZone(zoneId);
      if (!zone) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
      const split = splitZonePolygon(zone.geometry, line);
      if (!split.ok) return split;
      const parts = splitParts(zone, split.value, createId);
      const related = splitCascade(service.store.getState().records, zone.id, parts);
      return apply({ kind: 'zones', label: ZONE_EDIT_LABELS.split, before: [zone], after: parts, related }, parts.map((part) => part.id));
    },
    async mergeZones(zoneId, otherId) {
      const zone = findZone(zoneId);
      const other = findZone(otherId);
      if (!zone || !other) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
      if (zone.id === other.id) return { ok: false, reason: ZONE_EDIT_REASONS.mergeSameZone };
      const merged = mergeZonePolygons(zone.geometry, other.geometry);
      if (!merged.ok) return merged;
      const target = zone.properties.targetDemolitionSquareMeters + other.properties.targetDemolitionSquareMeters;
      const result: Zone = { ...zone, geometry: merged.value, properties: { ...zone.properties, targetDemolitionSquareMeters: target } };
      const related = mergeCascade(service.store.getState().records, other.id, zone.id);
      return apply({ kind: 'zones', label: ZONE_EDIT_LABELS.merge, before: [zone, other], after: [result], related }, null);
    },
    async deleteZone(zoneId) {
      const zone = findZone(zoneId);
      if (!zone) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
      const cascade = deleteCascade(service.store.getState().records, zone);
      if (!cascade.ok) return cascade;
      return apply({ kind: 'zones', label: ZONE_EDIT_LABELS.delete, before: [zone], after: [], related: cascade.value }, null);
    },
    applyEdit: (edit) => apply(edit, null),
    undo: () => step('undo'),
    redo: () => step('redo'),
  };
}

/** The edit without related kinds it did not touch (so the history and the transaction stay small). */
function withoutEmptyRelated(edit: RecordEdit): RecordEdit {
  if (!edit.related) return edit;
  const related = edit.related.filter((part) => part.before.length > 0 || part.after.length > 0);
  if (related.length === 0) {
    const { related: _dropped, ...rest } = edit;
    return rest;
  }
  return { ...edit, related };
}

const editors = new WeakMap<ProjectService, ZoneEditor>();

/** The zone editor of a project service, created on first use. */
export function zoneEditorFor(service: ProjectService): ZoneEditor {
  let editor = editors.get(service);
  if (!editor) {
    editor = createZoneEditor(service);
    editors.set(service, editor);
  }
  return editor;
}
