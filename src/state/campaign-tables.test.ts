import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { blacklistRows, dangerousBuildingRows, remainingViolationsOf, villageNoViolationRows } from './campaign-tables';
import { createEmptyRecords } from './project-state';

function violation(id: string, villageId: string, status: Violation['properties']['status'], area: number): Violation {
  return {
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [[[120, 27], [120.001, 27], [120.001, 27.001], [120, 27]]] },
    properties: { code: `WJ-${id}`, buildingType: '住宅', townshipId: 't', villageId, yearBuilt: 2020, ownerType: '个人', ownerName: '王某', areaSquareMeters: area, status, statusDates: {}, origin: '存量', disposalClass: '拆除' },
  };
}

describe('campaign tables', () => {
  it('lists villages qualified first, then by remaining count, and the remaining violations of one village', () => {
    const records = createEmptyRecords();
    records.townships = [{ type: 'Feature', id: 't', geometry: { type: 'Polygon', coordinates: [] }, properties: { name: '灵溪镇', code: '1' } }];
    records.villages = ['甲村', '乙村', '丙村'].map((name, index) => ({ type: 'Feature', id: `v${index}`, geometry: { type: 'Polygon', coordinates: [] }, properties: { name, townshipId: 't', households: 1 } }));
    records.violations = [violation('a', 'v0', '处置中', 50), violation('b', 'v0', '发现', 80), violation('c', 'v1', '已拆除', 10), violation('d', 'v2', '认定', 5)];
    const rows = villageNoViolationRows(records);
    expect(rows.map((row) => [row.name, row.qualified, row.remainingCount, row.townshipName])).toEqual([['乙村', true, 0, '灵溪镇'], ['丙村', false, 1, '灵溪镇'], ['甲村', false, 2, '灵溪镇']]);
    expect(remainingViolationsOf(records, 'v0').map((entry) => entry.id)).toEqual(['b', 'a']);
  });

  it('links blacklist entries to their existing violations', () => {
    const records = createEmptyRecords();
    records.violations = [violation('a', 'v0', '发现', 50), violation('b', 'v0', '发现', 25)];
    records.blacklist = [{ id: 'bl-1', ownerName: '王某', idNumberMasked: '330327********1234', reason: '拒不拆除', violationIds: ['a', 'b', 'gone'], listedOn: '2026-11-01' }];
    const [row] = blacklistRows(records);
    expect(row?.violations.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(row?.totalAreaSquareMeters).toBe(75);
  });

  it('sums 危旧房 rectification per township and for the county', () => {
    const records = createEmptyRecords();
    records.townships = ['t1', 't2'].map((id) => ({ type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [] }, properties: { name: id, code: id } }));
    const building = (id: string, townshipId: string, grade: 'C' | 'D', vacated: boolean, rectifiedOn: string | null) => ({
      type: 'Feature' as const, id, geometry: { type: 'Point' as const, coordinates: [120, 27] },
      properties: { address: id, townshipId, villageId: 'v', grade, inspectedOn: '2026-01-01', households: 1, vacated, rectifiedOn },
    });
    records.dangerousBuildings = [building('a', 't1', 'C', false, '2026-03-01'), building('b', 't1', 'D', false, null), building('c', 't2', 'D', true, null)];
    const rows = dangerousBuildingRows(records, '2026-11-20');
    expect(rows.map((row) => [row.id, row.dueCount, row.rectifiedCount, row.alarmCount])).toEqual([['t1', 2, 1, 1], ['t2', 1, 0, 0], ['total', 3, 1, 1]]);
  });
});
