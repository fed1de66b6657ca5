/**
 * Hand edits of a zone's land-use plan: draw a parcel of a chosen class, change a parcel's
 * boundary or class, delete a parcel. Each is one history entry of the planning map's undo/redo
 * (the zone editor's) and one IndexedDB transaction; the plan's summary and checks follow from the
 * records (`selectZoneLandUse`). A parcel must be a valid simple polygon (the zone rules); whether
 * it lies inside the zone, overlaps others or leaves freed land unassigned is what the checks show.
 */
import type { Polygon } from 'geojson';
import { LAND_USE_CODES, type FreedLandSource, type LandUseCode, type LandUseParcel } from '../domain/land-use';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { acceptZonePolygon } from '../geo/validate-zone-polygon';
import type { ProjectRecords } from './project-state';
import { ZONE_COMMAND_REASONS, type ZoneCommandResult, type ZoneEditor } from './zone-editor';

export const PARCEL_EDIT_LABELS = {
  create: '绘制拆后土地利用地块',
  geometry: '修改地块边界',
  code: '修改地块地类',
  delete: '删除地块',
} as const;

export const PARCEL_REASONS = {
  parcelMissing: '找不到该地块（可能已被删除）',
  multipart: '该地块由多个不相连的部分组成，不能在地图上编辑边界；可删除后重新绘制',
} as const;

/** Zone rules' wording for a parcel: "区块" becomes "地块". */
export function parcelReason(reason: string): string {
  return reason.replaceAll('区块', '地块');
}

function refusedForParcel<T>(result: { ok: false; reason: string; location?: Polygon['coordinates'][number][number] }): ZoneCommandResult<T> {
  return { ...result, reason: parcelReason(result.reason) };
}

/** The next free parcel id of a zone: `<zoneId>-parcel-<n>`, n one more than the largest in use. */
export function nextParcelId(records: ProjectRecords, zoneId: string): string {
  const prefix = `${zoneId}-parcel-`;
  let largest = 0;
  for (const parcel of records.landUseParcels) {
    if (!parcel.id.startsWith(prefix)) continue;
    const number = Number(parcel.id.slice(prefix.length));
    if (Number.isInteger(number) && number > largest) largest = number;
  }
  return `${prefix}${largest + 1}`;
}

function findParcel(records: ProjectRecords, parcelId: string): LandUseParcel | undefined {
  return records.landUseParcels.find((parcel) => parcel.id === parcelId);
}

/** Adds a drawn parcel of class `landUseCode` to the zone's plan; resolves with its id. */
export async function createParcel(
  editor: ZoneEditor,
  records: ProjectRecords,
  request: { zoneId: string; landUseCode: LandUseCode; polygon: Polygon; source?: FreedLandSource },
): Promise<ZoneCommandResult<string>> {
  if (!records.zones.some((zone) => zone.id === request.zoneId)) return { ok: false, reason: ZONE_COMMAND_REASONS.zoneMissing };
  const accepted = acceptZonePolygon(request.polygon);
  if (!accepted.ok) return refusedForParcel(accepted);
  // A hand-drawn parcel measures its gaps against the same freed land as the zone's other parcels.
  const source = records.landUseParcels.find((parcel) => parcel.properties.zoneId === request.zoneId && parcel.properties.freedLandSource)?.properties.freedLandSource ?? request.source;
  const parcel: LandUseParcel = {
    type: 'Feature',
    id: nextParcelId(records, request.zoneId),
    geometry: accepted.value,
    properties: {
      zoneId: request.zoneId,
      landUseClass: LAND_USE_CODES[request.landUseCode].landUseClass,
      landUseCode: request.landUseCode,
      areaSquareMeters: ellipsoidalAreaSquareMeters(accepted.value),
      ...(source ? { freedLandSource: source } : {}),
    },
  };
  const saved = await editor.applyEdit({ kind: 'landUseParcels', label: PARCEL_EDIT_LABELS.create, before: [], after: [parcel] });
  return saved.ok ? { ok: true, value: parcel.id } : saved;
}

/** A parcel's new boundary (from the map's vertex editing), with its area recomputed. */
export async function updateParcelGeometry(editor: ZoneEditor, records: ProjectRecords, parcelId: string, polygon: Polygon): Promise<ZoneCommandResult> {
  const parcel = findParcel(records, parcelId);
  if (!parcel) return { ok: false, reason: PARCEL_REASONS.parcelMissing };
  const accepted = acceptZonePolygon(polygon);
  if (!accepted.ok) return refusedForParcel(accepted);
  if (JSON.stringify(accepted.value) === JSON.stringify(parcel.geometry)) return { ok: true, value: null };
  const after: LandUseParcel = { ...parcel, geometry: accepted.value, properties: { ...parcel.properties, areaSquareMeters: ellipsoidalAreaSquareMeters(accepted.value) } };
  return editor.applyEdit({ kind: 'landUseParcels', label: PARCEL_EDIT_LABELS.geometry, before: [parcel], after: [after] });
}

/** A parcel's new class and code. */
export async function updateParcelCode(editor: ZoneEditor, records: ProjectRecords, parcelId: string, landUseCode: LandUseCode): Promise<ZoneCommandResult> {
  const parcel = findParcel(records, parcelId);
  if (!parcel) return { ok: false, reason: PARCEL_REASONS.parcelMissing };
  if (parcel.properties.landUseCode === landUseCode) return { ok: true, value: null };
  const after: LandUseParcel = { ...parcel, properties: { ...parcel.properties, landUseCode, landUseClass: LAND_USE_CODES[landUseCode].landUseClass } };
  return editor.applyEdit({ kind: 'landUseParcels', label: PARCEL_EDIT_LABELS.code, before: [parcel], after: [after] });
}

export async function deleteParcel(editor: ZoneEditor, records: ProjectRecords, parcelId: string): Promise<ZoneCommandResult> {
  const parcel = findParcel(records, parcelId);
  if (!parcel) return { ok: false, reason: PARCEL_REASONS.parcelMissing };
  return editor.applyEdit({ kind: 'landUseParcels', label: PARCEL_EDIT_LABELS.delete, before: [parcel], after: [] });
}

/** The polygon of a parcel that the map can edit, or the reason it cannot. */
export function editableParcelGeometry(records: ProjectRecords, parcelId: string): ZoneCommandResult<Polygon> {
  const parcel = findParcel(records, parcelId);
  if (!parcel) return { ok: false, reason: PARCEL_REASONS.parcelMissing };
  if (parcel.geometry.type === 'Polygon') return { ok: true, value: parcel.geometry };
  const [only, ...rest] = parcel.geometry.coordinates;
  if (only && rest.length === 0) return { ok: true, value: { type: 'Polygon', coordinates: only } };
  return { ok: false, reason: PARCEL_REASONS.multipart };
}
