/**
 * User commands on change patches (变化图斑), turned into saved edits: storing what a detection
 * found (new patches only, one transaction), and moving a patch along the 卫片执法 workflow —
 * where 认定（违法） also creates the violation record, in the same transaction as the patch.
 */
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import {
  createDetectedPatch, evidencePhotoKey, linkedViolationAfterStep, transitionPatch, violationFromPatch,
  type ChangePatch, type EvidencePhoto, type PatchStepTarget, type RectificationOutcome,
} from '../domain/change-patches';
import type { Township, Village } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { ProjectService } from './project-service';
import { isoDateOf } from './violation-commands';

/** What the detector reports for one patch (see geo/change-detection). */
export interface DetectedPatchGeometry {
  polygon: Polygon;
  areaSquareMeters: number;
  confidence: number;
}

export interface StoredDetection {
  /** Patches stored by this detection. */
  added: ChangePatch[];
  /** Detected patches left out because a patch of the same epochs already covers them. */
  alreadyKnown: number;
}

function locate(geometry: Polygon, townships: readonly Township[], villages: readonly Village[]): { townshipId: string; villageId: string } {
  const point = turf.pointOnFeature(geometry);
  const inside = (area: Feature<Township['geometry']>) => turf.booleanPointInPolygon(point, area);
  return { townshipId: townships.find(inside)?.id ?? '', villageId: villages.find(inside)?.id ?? '' };
}

/** Whether two patches are the same change: a point inside either lies inside the other. */
function samePlace(a: Polygon, b: Polygon): boolean {
  return turf.booleanPointInPolygon(turf.pointOnFeature(a), b) || turf.booleanPointInPolygon(turf.pointOnFeature(b), a);
}

function sequenceOf(code: string): number {
  const match = /-(\d+)$/.exec(code);
  return match ? Number(match[1]) : 0;
}

const compactDate = (isoDate: string) => isoDate.replaceAll('-', '');

/**
 * Stores the patches of a detection between two epochs as one edit, skipping those an existing
 * patch of the same pair of epochs already covers (running detection twice over the same view
 * adds nothing). Codes continue the project's sequence: BH-<date>-<n>.
 */
export async function storeDetectedPatches(
  service: ProjectService,
  detected: readonly DetectedPatchGeometry[],
  epochs: { beforeEpochId: string; afterEpochId: string },
): Promise<StoredDetection> {
  const { records } = service.store.getState();
  const samePair = records.changePatches.filter((patch) => patch.properties.beforeEpochId === epochs.beforeEpochId && patch.properties.afterEpochId === epochs.afterEpochId);
  const now = service.now();
  const isoDate = isoDateOf(now);
  let sequence = records.changePatches.reduce((highest, patch) => Math.max(highest, sequenceOf(patch.properties.code)), 0);
  const added: ChangePatch[] = [];
  let alreadyKnown = 0;
  for (const change of detected) {
    if ([...samePair, ...added].some((patch) => samePlace(patch.geometry, change.polygon))) {
      alreadyKnown++;
      continue;
    }
    sequence++;
    added.push(createDetectedPatch({
      id: `cp-${String(sequence).padStart(5, '0')}`,
      code: `BH-${compactDate(isoDate)}-${String(sequence).padStart(4, '0')}`,
      geometry: change.polygon,
      areaSquareMeters: change.areaSquareMeters,
      confidence: change.confidence,
      ...epochs,
      ...locate(change.polygon, records.townships, records.villages),
      at: now.toISOString(),
    }));
  }
  if (added.length > 0) await service.saveRecords('changePatches', added);
  return { added, alreadyKnown };
}

export interface PatchStepRequest {
  patchId: string;
  target: PatchStepTarget;
  by: string;
  note: string;
  /** How a 违法 patch was rectified, for 销号 (default 已拆除): the linked violation moves to it. */
  outcome?: RectificationOutcome;
}

/**
 * Moves a patch one step and saves it. 认定（违法） also creates a 新增 violation (认定 today, area
 * from the geometry, township and village of the patch) and links it, in the same transaction.
 * Resolves with null, or with the reason in Chinese when the patch is missing or the workflow
 * refuses the step; a storage failure shows in the save status and rejects.
 */
export async function advanceChangePatch(service: ProjectService, request: PatchStepRequest): Promise<string | null> {
  const { records } = service.store.getState();
  const patch = records.changePatches.find((entry) => entry.id === request.patchId);
  if (!patch) return `找不到变化图斑 ${request.patchId}`;
  const now = service.now();
  const isoDate = isoDateOf(now);
  const confirmsViolation = request.target.status === '认定' && request.target.verdict === '违法';
  const violationId = `v-${patch.id}`;
  const closesViolation = request.target.status === '销号' && patch.properties.violationId !== null;
  const outcome = request.outcome ?? '已拆除';
  const note = closesViolation && request.note.trim() === '' ? `整改结果：${outcome}` : closesViolation ? `整改结果：${outcome}；${request.note.trim()}` : request.note;
  const result = transitionPatch(patch, { target: request.target, by: request.by, note, at: now.toISOString(), ...(confirmsViolation ? { violationId } : {}) });
  if (!result.ok) return result.error;
  if (!confirmsViolation) {
    // 整改中 and 销号 move the linked violation on (处置中, then 已拆除 / 已整改) in the same save.
    const linked = records.violations.find((violation) => violation.id === patch.properties.violationId);
    const moved = linked ? linkedViolationAfterStep(linked, request.target, outcome, isoDate) : null;
    await service.saveChanges([
      { kind: 'changePatches', put: [result.value] },
      ...(moved ? [{ kind: 'violations' as const, put: [moved] }] : []),
    ]);
    return null;
  }
  if (records.violations.some((violation) => violation.id === violationId)) return `违建图斑 ${violationId} 已存在`;
  const epoch = records.epochs.find((entry) => entry.id === patch.properties.afterEpochId);
  const violation = violationFromPatch(result.value, {
    id: violationId,
    code: `WP-${compactDate(isoDate)}-${String(sequenceOf(patch.properties.code)).padStart(4, '0')}`,
    isoDate,
    areaSquareMeters: ellipsoidalAreaSquareMeters(patch.geometry),
    yearBuilt: Number((epoch?.date ?? isoDate).slice(0, 4)),
  });
  await service.saveChanges([
    { kind: 'changePatches', put: [result.value] },
    { kind: 'violations', put: [violation] },
  ]);
  return null;
}

/** Photo types a browser shows as a thumbnail. */
export const EVIDENCE_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAXIMUM_EVIDENCE_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAXIMUM_EVIDENCE_PHOTOS = 20;

export interface EvidencePhotoFile {
  name: string;
  mimeType: string;
  bytes: ArrayBuffer;
}

/**
 * Adds evidence photos to a patch: the patch (with who and when for each photo) and the photos'
 * bytes are saved in one transaction. Resolves with null, or with the refusal in Chinese naming the
 * file and the rule (nothing is saved then).
 */
export async function addEvidencePhotos(service: ProjectService, request: { patchId: string; files: readonly EvidencePhotoFile[]; by: string }): Promise<string | null> {
  const patch = service.store.getState().records.changePatches.find((entry) => entry.id === request.patchId);
  if (!patch) return `找不到变化图斑 ${request.patchId}`;
  const by = request.by.trim();
  if (by === '') return `变化图斑 ${patch.properties.code}：请先填写核查人，再添加照片`;
  const existing = patch.properties.photos ?? [];
  if (existing.length + request.files.length > MAXIMUM_EVIDENCE_PHOTOS) return `变化图斑 ${patch.properties.code}：照片最多 ${MAXIMUM_EVIDENCE_PHOTOS} 张`;
  for (const file of request.files) {
    if (!(EVIDENCE_PHOTO_TYPES as readonly string[]).includes(file.mimeType)) return `照片 ${file.name}：只支持 JPEG、PNG 或 WebP 图片`;
    if (file.bytes.byteLength === 0) return `照片 ${file.name}：文件为空`;
    if (file.bytes.byteLength > MAXIMUM_EVIDENCE_PHOTO_BYTES) return `照片 ${file.name}：超过 ${MAXIMUM_EVIDENCE_PHOTO_BYTES / 1024 / 1024} MB`;
  }
  const at = service.now().toISOString();
  const stamp = Date.now().toString(36);
  const photos: EvidencePhoto[] = request.files.map((file, index) => ({
    id: `${patch.id}-${stamp}-${existing.length + index + 1}`, name: file.name, mimeType: file.mimeType, byteLength: file.bytes.byteLength, at, by,
  }));
  const updated: ChangePatch = { ...patch, properties: { ...patch.properties, photos: [...existing, ...photos] } };
  await service.saveChanges([{ kind: 'changePatches', put: [updated] }], '添加核查照片', {
    images: { put: photos.map((photo, index) => ({ epochId: evidencePhotoKey(photo.id), mimeType: photo.mimeType, bytes: request.files[index]!.bytes })) },
  });
  return null;
}

/** Removes one evidence photo (record entry and bytes, one transaction). */
export async function removeEvidencePhoto(service: ProjectService, request: { patchId: string; photoId: string }): Promise<string | null> {
  const patch = service.store.getState().records.changePatches.find((entry) => entry.id === request.patchId);
  if (!patch) return `找不到变化图斑 ${request.patchId}`;
  const photos = patch.properties.photos ?? [];
  if (!photos.some((photo) => photo.id === request.photoId)) return `变化图斑 ${patch.properties.code} 没有照片 ${request.photoId}`;
  const updated: ChangePatch = { ...patch, properties: { ...patch.properties, photos: photos.filter((photo) => photo.id !== request.photoId) } };
  await service.saveChanges([{ kind: 'changePatches', put: [updated] }], '删除核查照片', { images: { put: [], delete: [evidencePhotoKey(request.photoId)] } });
  return null;
}

/**
 * Deletes a patch found to be a false detection before any finding (待核查 or 已核查, no violation),
 * with its evidence photos, in one transaction. A patch with a finding stays: it is the record of
 * the 卫片执法 case.
 */
export async function deleteChangePatch(service: ProjectService, patchId: string): Promise<string | null> {
  const patch = service.store.getState().records.changePatches.find((entry) => entry.id === patchId);
  if (!patch) return `找不到变化图斑 ${patchId}`;
  if (patch.properties.status !== '待核查' && patch.properties.status !== '已核查') return `变化图斑 ${patch.properties.code}：已认定的图斑不能删除（状态「${patch.properties.status}」）`;
  const photoKeys = (patch.properties.photos ?? []).map((photo) => evidencePhotoKey(photo.id));
  await service.saveChanges([{ kind: 'changePatches', put: [], delete: [patch.id] }], '删除误检图斑', { images: { put: [], delete: photoKeys } });
  return null;
}
