/**
 * Change patches (变化图斑) and their verification workflow (卫片执法):
 * 待核查 → 已核查 → 认定 (合法 / 违法 / 其他) → 整改中 → 销号.
 * A patch found 合法 or 其他 needs no rectification and goes from 认定 straight to 销号; a patch
 * found 违法 is linked to the violation record created for it and must be rectified (整改中)
 * before it is closed. Every step records who took it, when and a note. Pure: no I/O.
 */
import type { Feature, Polygon } from 'geojson';
import type { Violation } from './records';
import { transitionViolation } from './violation-edits';
import type { ViolationStatus } from './violation-status';

export const CHANGE_PATCH_STATUSES = ['待核查', '已核查', '认定', '整改中', '销号'] as const;
export type ChangePatchStatus = (typeof CHANGE_PATCH_STATUSES)[number];

/** The finding of 认定. */
export const PATCH_VERDICTS = ['合法', '违法', '其他'] as const;
export type PatchVerdict = (typeof PATCH_VERDICTS)[number];

/** One step of a patch's history. */
export interface PatchStep {
  status: ChangePatchStatus;
  /** Set on the 认定 step, otherwise null. */
  verdict: PatchVerdict | null;
  /** ISO 8601 date-time. */
  at: string;
  /** Who took the step (an inspector's name, or 变化检测 for the detection itself). */
  by: string;
  note: string;
}

export interface ChangePatchProperties {
  /** 变化图斑编号, e.g. BH-20261120-0007. */
  code: string;
  status: ChangePatchStatus;
  verdict: PatchVerdict | null;
  /** Every step so far, oldest first; the first is 待核查 (the detection). */
  history: PatchStep[];
  /** Ellipsoidal area of the geometry. */
  areaSquareMeters: number;
  /** How sure the detector is that something changed here, 0..1. */
  confidence: number;
  beforeEpochId: string;
  afterEpochId: string;
  /** The township and village the patch lies in ('' when outside every one). */
  townshipId: string;
  villageId: string;
  /** The violation record created when the patch was found 违法; null before. */
  violationId: string | null;
  /** Evidence photos (their bytes are stored apart, keyed by {@link evidencePhotoKey}); absent = none. */
  photos?: EvidencePhoto[];
}

/** One evidence photo of a patch: who added it and when; the bytes live in local storage. */
export interface EvidencePhoto {
  id: string;
  /** The file name as chosen. */
  name: string;
  mimeType: string;
  /** Size of the image bytes. */
  byteLength: number;
  /** ISO 8601 date-time it was added. */
  at: string;
  by: string;
}

/** The storage key of an evidence photo's bytes (kept apart from epoch images by the prefix). */
export function evidencePhotoKey(photoId: string): string {
  return `evidence-photo:${photoId}`;
}

/** How a 违法 patch was rectified when it is closed (销号): the linked violation moves to this status. */
export const RECTIFICATION_OUTCOMES = ['已拆除', '已整改'] as const;
export type RectificationOutcome = (typeof RECTIFICATION_OUTCOMES)[number];

/**
 * The linked violation after a patch step, or null when the step leaves it alone: 整改中 moves a
 * violation still at 认定 to 处置中; 销号 moves it on (through 处置中 if needed) to the outcome
 * 已拆除 or 已整改. A violation already past the step's status (changed in the ledger, say) is
 * never moved back. Dates are `isoDate` (YYYY-MM-DD).
 */
export function linkedViolationAfterStep(violation: Violation, target: PatchStepTarget, outcome: RectificationOutcome, isoDate: string): Violation | null {
  const wanted: ViolationStatus[] = target.status === '整改中' ? ['处置中'] : target.status === '销号' ? ['处置中', outcome] : [];
  let current = violation;
  for (const status of wanted) {
    if (current.properties.status === '认定' || (current.properties.status === '处置中' && status !== '处置中')) {
      const moved = transitionViolation(current, status, isoDate);
      if (!moved.ok) return null;
      current = moved.value;
    }
  }
  return current === violation ? null : current;
}

export type ChangePatch = Feature<Polygon, ChangePatchProperties> & { id: string };

/** A step a patch can take next: a status, with the verdict for 认定. */
export interface PatchStepTarget {
  status: ChangePatchStatus;
  verdict: PatchVerdict | null;
}

export interface PatchStepInput {
  target: PatchStepTarget;
  by: string;
  note: string;
  /** ISO 8601 date-time of the step. */
  at: string;
  /** Required when the target is 认定 with verdict 违法: the violation created for the patch. */
  violationId?: string;
}

/** Refusal reasons, exported so callers and tests can tell them apart. */
export const PATCH_REFUSALS = {
  notAllowed: 'not-allowed',
  missingInspector: 'missing-inspector',
  noteTooLong: 'note-too-long',
  missingViolation: 'missing-violation',
  badTime: 'bad-time',
} as const;
export type PatchRefusal = (typeof PATCH_REFUSALS)[keyof typeof PATCH_REFUSALS];

export type PatchTransitionResult = { ok: true; value: ChangePatch } | { ok: false; reason: PatchRefusal; error: string };

export const MAXIMUM_NOTE_LENGTH = 500;
export const MAXIMUM_INSPECTOR_LENGTH = 40;

/** The steps a patch may take next; empty once closed (销号). */
export function nextPatchSteps(status: ChangePatchStatus, verdict: PatchVerdict | null): PatchStepTarget[] {
  switch (status) {
    case '待核查':
      return [{ status: '已核查', verdict: null }];
    case '已核查':
      return PATCH_VERDICTS.map((value) => ({ status: '认定', verdict: value }));
    case '认定':
      return verdict === '违法' ? [{ status: '整改中', verdict: null }] : [{ status: '销号', verdict: null }];
    case '整改中':
      return [{ status: '销号', verdict: null }];
    case '销号':
      return [];
  }
}

/** A stable text key of a step target (for select options): `认定:违法`, `已核查`. */
export function patchStepKey(target: PatchStepTarget): string {
  return target.verdict ? `${target.status}:${target.verdict}` : target.status;
}

/** How the UI names a step target: 认定（违法）, 已核查. */
export function patchStepLabel(target: PatchStepTarget): string {
  return target.verdict ? `${target.status}（${target.verdict}）` : target.status;
}

function sameTarget(a: PatchStepTarget, b: PatchStepTarget): boolean {
  return a.status === b.status && (a.verdict ?? null) === (b.verdict ?? null);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

function refuse(patch: ChangePatch, reason: PatchRefusal, text: string): PatchTransitionResult {
  return { ok: false, reason, error: `变化图斑 ${patch.properties.code}：${text}` };
}

/**
 * Moves a patch one step along the workflow, appending the step to its history. Refuses a step
 * the workflow does not allow from the current status (e.g. 待核查 → 销号, or 认定（合法）→ 整改中),
 * a step without an inspector, a note over {@link MAXIMUM_NOTE_LENGTH} characters, a malformed
 * time, and 认定（违法） without the violation created for it. The input is not modified.
 */
export function transitionPatch(patch: ChangePatch, input: PatchStepInput): PatchTransitionResult {
  const { status, verdict } = patch.properties;
  const target = input.target;
  if (!nextPatchSteps(status, verdict).some((allowed) => sameTarget(allowed, target))) {
    return refuse(patch, PATCH_REFUSALS.notAllowed, `状态不能从「${status}」变为「${patchStepLabel(target)}」`);
  }
  const by = input.by.trim();
  if (by === '' || by.length > MAXIMUM_INSPECTOR_LENGTH) return refuse(patch, PATCH_REFUSALS.missingInspector, `请填写核查人（1–${MAXIMUM_INSPECTOR_LENGTH} 个字）`);
  if (input.note.length > MAXIMUM_NOTE_LENGTH) return refuse(patch, PATCH_REFUSALS.noteTooLong, `备注不能超过 ${MAXIMUM_NOTE_LENGTH} 个字`);
  if (!ISO_DATE_TIME.test(input.at) || Number.isNaN(Date.parse(input.at))) return refuse(patch, PATCH_REFUSALS.badTime, `时间格式不正确：${input.at}`);
  const confirmsViolation = target.status === '认定' && target.verdict === '违法';
  if (confirmsViolation && !input.violationId) return refuse(patch, PATCH_REFUSALS.missingViolation, '认定为违法时须同时建立违建图斑');
  const step: PatchStep = { status: target.status, verdict: target.verdict, at: input.at, by, note: input.note.trim() };
  return {
    ok: true,
    value: {
      ...patch,
      properties: {
        ...patch.properties,
        status: target.status,
        verdict: target.status === '认定' ? target.verdict : patch.properties.verdict,
        history: [...patch.properties.history, step],
        violationId: confirmsViolation ? (input.violationId as string) : patch.properties.violationId,
      },
    },
  };
}

export interface DetectedPatchInput {
  id: string;
  code: string;
  geometry: Polygon;
  areaSquareMeters: number;
  confidence: number;
  beforeEpochId: string;
  afterEpochId: string;
  townshipId: string;
  villageId: string;
  /** ISO 8601 date-time of the detection. */
  at: string;
}

/** A patch as the detector finds it: 待核查, with the detection as the first step. */
export function createDetectedPatch(input: DetectedPatchInput): ChangePatch {
  return {
    type: 'Feature',
    id: input.id,
    geometry: input.geometry,
    properties: {
      code: input.code,
      status: '待核查',
      verdict: null,
      history: [{ status: '待核查', verdict: null, at: input.at, by: '变化检测', note: `置信度 ${Math.round(input.confidence * 100)}%` }],
      areaSquareMeters: input.areaSquareMeters,
      confidence: Math.min(1, Math.max(0, input.confidence)),
      beforeEpochId: input.beforeEpochId,
      afterEpochId: input.afterEpochId,
      townshipId: input.townshipId,
      villageId: input.villageId,
      violationId: null,
    },
  };
}

export interface ViolationFromPatchInput {
  id: string;
  code: string;
  /** YYYY-MM-DD of the 认定 step. */
  isoDate: string;
  /** Ellipsoidal area of the patch geometry. */
  areaSquareMeters: number;
  /** Year the building went up (the later epoch's year). */
  yearBuilt: number;
}

/**
 * The violation record for a patch found 违法: a new (新增) violation, 认定 on the day, with the
 * patch's geometry, township and village; building type and owner are left for the field survey
 * (其他 / unnamed).
 */
export function violationFromPatch(patch: ChangePatch, input: ViolationFromPatchInput): Violation {
  return {
    type: 'Feature',
    id: input.id,
    geometry: patch.geometry,
    properties: {
      code: input.code,
      buildingType: '其他',
      townshipId: patch.properties.townshipId,
      villageId: patch.properties.villageId,
      yearBuilt: input.yearBuilt,
      ownerType: '个人',
      ownerName: '',
      areaSquareMeters: input.areaSquareMeters,
      status: '认定',
      statusDates: { 发现: input.isoDate, 认定: input.isoDate },
      origin: '新增',
      disposalClass: null,
    },
  };
}
