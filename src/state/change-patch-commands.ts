/**
 * User commands on change patches (变化图斑), turned into saved edits: storing what a detection
 * found (new patches only, one transaction), and moving a patch along the 卫片执法 workflow —
 * where 认定（违法） also creates the violation record, in the same transaction as the patch.
 */
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import {
  createDetectedPatch, transitionPatch, violationFromPatch, type ChangePatch, type PatchStepTarget,
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
  const result = transitionPatch(patch, { target: request.target, by: request.by, note: request.note, at: now.toISOString(), ...(confirmsViolation ? { violationId } : {}) });
  if (!result.ok) return result.error;
  if (!confirmsViolation) {
    await service.saveRecords('changePatches', [result.value]);
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
