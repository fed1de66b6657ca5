import { describe, expect, it } from 'vitest';
import type { Violation } from './records';
import { transitionViolation } from './violation-edits';
import { VIOLATION_STATUSES, canTransitionViolation, isDemolished, nextViolationStatuses } from './violation-status';

function createViolation(status: Violation['properties']['status'] = '处置中'): Violation {
  return {
    type: 'Feature',
    id: 'v-1',
    geometry: { type: 'Polygon', coordinates: [[[120, 27], [120.001, 27], [120.001, 27.001], [120, 27]]] },
    properties: {
      code: 'WJ-1', buildingType: '住宅', townshipId: 't', villageId: 'v', yearBuilt: 2020, ownerType: '个人',
      ownerName: '张三', areaSquareMeters: 100, status, statusDates: { 发现: '2026-01-02' }, origin: '存量', disposalClass: '拆除',
    },
  };
}

describe('violation lifecycle', () => {
  it('allows only forward steps of 发现 → 认定 → 处置中 → 已拆除/已整改 → 销号', () => {
    expect(nextViolationStatuses('处置中')).toEqual(['已拆除', '已整改']);
    expect(nextViolationStatuses('销号')).toEqual([]);
    for (const from of VIOLATION_STATUSES) expect(canTransitionViolation(from, from)).toBe(false);
    expect(canTransitionViolation('发现', '已拆除')).toBe(false);
  });

  it('records the date of a transition and leaves the input unchanged', () => {
    const violation = createViolation();
    const result = transitionViolation(violation, '已拆除', '2026-11-21');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.properties.status).toBe('已拆除');
    expect(result.value.properties.statusDates).toEqual({ 发现: '2026-01-02', 已拆除: '2026-11-21' });
    expect(violation.properties.status).toBe('处置中');
  });

  it('refuses a transition the lifecycle does not allow, naming the record', () => {
    const result = transitionViolation(createViolation('发现'), '销号', '2026-11-21');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('WJ-1') });
  });

  it('counts a closed record as demolished only if it was demolished', () => {
    expect(isDemolished('销号', { 已拆除: '2026-03-01' })).toBe(true);
    expect(isDemolished('销号', { 已整改: '2026-03-01' })).toBe(false);
    expect(isDemolished('处置中', {})).toBe(false);
  });
});
