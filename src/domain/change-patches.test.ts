import { describe, expect, it } from 'vitest';
import {
  CHANGE_PATCH_STATUSES, PATCH_REFUSALS, PATCH_VERDICTS, createDetectedPatch, nextPatchSteps, patchStepKey, patchStepLabel,
  linkedViolationAfterStep, transitionPatch, violationFromPatch, type ChangePatch, type PatchStepTarget,
} from './change-patches';

const AT = '2026-11-21T09:30:00+08:00';

function createPatch(): ChangePatch {
  return createDetectedPatch({
    id: 'cp-0001', code: 'BH-20261121-0001',
    geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4002, 27.5], [120.4002, 27.5002], [120.4, 27.5002], [120.4, 27.5]]] },
    areaSquareMeters: 437.5, confidence: 0.83, beforeEpochId: 'e-1', afterEpochId: 'e-2', townshipId: 't-1', villageId: 'v-1', at: '2026-11-20T08:00:00Z',
  });
}

function step(patch: ChangePatch, target: PatchStepTarget, extra: { violationId?: string; by?: string; note?: string } = {}) {
  return transitionPatch(patch, { target, by: extra.by ?? '王核查', note: extra.note ?? '', at: AT, ...(extra.violationId ? { violationId: extra.violationId } : {}) });
}

function walk(patch: ChangePatch, targets: PatchStepTarget[]): ChangePatch {
  return targets.reduce((current, target) => {
    const result = step(current, target, target.verdict === '违法' ? { violationId: 'v-new' } : {});
    if (!result.ok) throw new Error(result.error);
    return result.value;
  }, patch);
}

describe('change patch workflow', () => {
  it('starts 待核查 with the detection as the first step', () => {
    const patch = createPatch();
    expect(patch.properties.status).toBe('待核查');
    expect(patch.properties.history).toEqual([{ status: '待核查', verdict: null, at: '2026-11-20T08:00:00Z', by: '变化检测', note: '置信度 83%' }]);
    expect(patch.properties.violationId).toBeNull();
  });

  it('offers 已核查 after 待核查, the three verdicts after 已核查, and nothing after 销号', () => {
    expect(nextPatchSteps('待核查', null)).toEqual([{ status: '已核查', verdict: null }]);
    expect(nextPatchSteps('已核查', null).map(patchStepLabel)).toEqual(['认定（合法）', '认定（违法）', '认定（其他）']);
    expect(nextPatchSteps('认定', '违法')).toEqual([{ status: '整改中', verdict: null }]);
    expect(nextPatchSteps('认定', '合法')).toEqual([{ status: '销号', verdict: null }]);
    expect(nextPatchSteps('认定', '其他')).toEqual([{ status: '销号', verdict: null }]);
    expect(nextPatchSteps('销号', '违法')).toEqual([]);
    expect(patchStepKey({ status: '认定', verdict: '违法' })).toBe('认定:违法');
  });

  it('walks 违法 through 整改中 to 销号, recording who, when and the note of each step', () => {
    const closed = walk(createPatch(), [
      { status: '已核查', verdict: null }, { status: '认定', verdict: '违法' }, { status: '整改中', verdict: null }, { status: '销号', verdict: null },
    ]);
    expect(closed.properties.status).toBe('销号');
    expect(closed.properties.verdict).toBe('违法');
    expect(closed.properties.violationId).toBe('v-new');
    expect(closed.properties.history.map((entry) => entry.status)).toEqual(['待核查', '已核查', '认定', '整改中', '销号']);
    expect(closed.properties.history[2]).toEqual({ status: '认定', verdict: '违法', at: AT, by: '王核查', note: '' });
  });

  it('closes a 合法 patch straight after 认定 and never links a violation', () => {
    const closed = walk(createPatch(), [{ status: '已核查', verdict: null }, { status: '认定', verdict: '合法' }, { status: '销号', verdict: null }]);
    expect(closed.properties.status).toBe('销号');
    expect(closed.properties.violationId).toBeNull();
  });

  it('refuses every step the workflow does not allow', () => {
    const statuses = CHANGE_PATCH_STATUSES;
    const patch = createPatch();
    for (const to of statuses) {
      for (const verdict of [null, ...PATCH_VERDICTS]) {
        const target = { status: to, verdict };
        const allowed = to === '已核查' && verdict === null;
        const result = step(patch, target, { violationId: 'v-x' });
        expect(result.ok, `待核查 → ${patchStepLabel(target)}`).toBe(allowed);
        if (!result.ok) expect(result.reason).toBe(PATCH_REFUSALS.notAllowed);
      }
    }
    const legal = walk(patch, [{ status: '已核查', verdict: null }, { status: '认定', verdict: '合法' }]);
    const rectify = step(legal, { status: '整改中', verdict: null });
    expect(rectify).toMatchObject({ ok: false, reason: PATCH_REFUSALS.notAllowed, error: expect.stringContaining('BH-20261121-0001') });
    const illegal = walk(patch, [{ status: '已核查', verdict: null }, { status: '认定', verdict: '违法' }]);
    expect(step(illegal, { status: '销号', verdict: null }).ok).toBe(false);
  });

  it('refuses a step without an inspector, with a too-long note, or 认定（违法） without its violation', () => {
    const patch = createPatch();
    expect(step(patch, { status: '已核查', verdict: null }, { by: '  ' })).toMatchObject({ ok: false, reason: PATCH_REFUSALS.missingInspector });
    expect(step(patch, { status: '已核查', verdict: null }, { note: '字'.repeat(501) })).toMatchObject({ ok: false, reason: PATCH_REFUSALS.noteTooLong });
    const checked = walk(patch, [{ status: '已核查', verdict: null }]);
    expect(step(checked, { status: '认定', verdict: '违法' })).toMatchObject({ ok: false, reason: PATCH_REFUSALS.missingViolation });
    expect(transitionPatch(patch, { target: { status: '已核查', verdict: null }, by: '王', note: '', at: '昨天' })).toMatchObject({ ok: false, reason: PATCH_REFUSALS.badTime });
  });

  it('leaves the input patch unchanged', () => {
    const patch = createPatch();
    const before = structuredClone(patch);
    walk(patch, [{ status: '已核查', verdict: null }]);
    expect(patch).toEqual(before);
  });
});

describe('violationFromPatch', () => {
  it('builds a 新增 violation, 认定 on the day, with the patch geometry and location', () => {
    const patch = createPatch();
    const violation = violationFromPatch(patch, { id: 'v-cp-0001', code: 'WP-20261121-0001', isoDate: '2026-11-21', areaSquareMeters: 437.5, yearBuilt: 2026 });
    expect(violation.geometry).toBe(patch.geometry);
    expect(violation.properties).toMatchObject({
      code: 'WP-20261121-0001', status: '认定', origin: '新增', disposalClass: null, townshipId: 't-1', villageId: 'v-1',
      areaSquareMeters: 437.5, statusDates: { 发现: '2026-11-21', 认定: '2026-11-21' }, yearBuilt: 2026,
    });
  });
});

describe('linkedViolationAfterStep', () => {
  const base = violationFromPatch(createPatch(), { id: 'v-1', code: 'WP-1', isoDate: '2026-11-21', areaSquareMeters: 437, yearBuilt: 2026 });
  const withStatus = (status: typeof base.properties.status) => ({ ...base, properties: { ...base.properties, status } });

  it('moves 认定 to 处置中 on 整改中, and on to the outcome on 销号 with the dates', () => {
    expect(linkedViolationAfterStep(base, { status: '整改中', verdict: null }, '已拆除', '2026-12-01')?.properties).toMatchObject({ status: '处置中', statusDates: { 处置中: '2026-12-01' } });
    const closed = linkedViolationAfterStep(base, { status: '销号', verdict: null }, '已整改', '2026-12-05')!;
    expect(closed.properties.status).toBe('已整改');
    expect(closed.properties.statusDates).toMatchObject({ 认定: '2026-11-21', 处置中: '2026-12-05', 已整改: '2026-12-05' });
  });

  it('never moves a violation back, and leaves other steps alone', () => {
    expect(linkedViolationAfterStep(withStatus('处置中'), { status: '整改中', verdict: null }, '已拆除', '2026-12-01')).toBeNull();
    expect(linkedViolationAfterStep(withStatus('已拆除'), { status: '销号', verdict: null }, '已整改', '2026-12-01')).toBeNull();
    expect(linkedViolationAfterStep(withStatus('销号'), { status: '销号', verdict: null }, '已拆除', '2026-12-01')).toBeNull();
    expect(linkedViolationAfterStep(base, { status: '已核查', verdict: null }, '已拆除', '2026-12-01')).toBeNull();
  });
});
