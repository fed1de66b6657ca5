import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { GridCell } from '../domain/grid-patrols';
import type { Village } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { buildPatrolReport, filePatrolReport, type PatrolReportInput } from './patrol-commands';
import { createProjectService } from './project-service';

function createCell(): GridCell {
  return {
    type: 'Feature', id: 'cell-1',
    geometry: { type: 'Polygon', coordinates: [[[120.40, 27.50], [120.41, 27.50], [120.41, 27.51], [120.40, 27.51], [120.40, 27.50]]] },
    properties: { code: '灵网格001', townshipId: 'township-01', responsiblePerson: '陈建华', responsiblePhone: '13800000000' },
  };
}
function createVillage(): Village {
  return { type: 'Feature', id: 'village-001', geometry: { type: 'Polygon', coordinates: [[[120.39, 27.49], [120.42, 27.49], [120.42, 27.52], [120.39, 27.52], [120.39, 27.49]]] }, properties: { name: '下汇周村', townshipId: 'township-01', households: 500 } };
}
function createInput(overrides: Partial<PatrolReportInput> = {}): PatrolReportInput {
  return {
    cellId: 'cell-1', patroller: '陈建华', at: '2026-11-20T09:30', findings: '发现一处在建砖混房', photo: null,
    found: [{ longitude: 120.405, latitude: 27.505, areaSquareMeters: 120, buildingType: '住宅', ownerName: '林某' }], ...overrides,
  };
}

describe('buildPatrolReport', () => {
  it('creates a 新增 violation (发现 on the patrol date) in the cell township and village, linked from the report', () => {
    const result = buildPatrolReport(createInput(), { gridCells: [createCell()], villages: [createVillage()] }, '2026-11-20', 'abc');
    if (!result.ok) throw new Error(result.error);
    const [violation] = result.value.violations;
    expect(violation?.properties).toMatchObject({ origin: '新增', status: '发现', statusDates: { 发现: '2026-11-20' }, townshipId: 'township-01', villageId: 'village-001', disposalClass: null });
    expect(Math.abs((violation?.properties.areaSquareMeters ?? 0) - 120)).toBeLessThan(1);
    expect(violation?.properties.areaSquareMeters).toBe(ellipsoidalAreaSquareMeters(violation!.geometry));
    expect(result.value.report.createdViolationIds).toEqual([violation?.id]);
  });

  it('refuses a point outside the cell, a future date, an empty finding and an oversized photo, naming the cell and the rule', () => {
    const records = { gridCells: [createCell()], villages: [createVillage()] };
    const refuse = (input: PatrolReportInput) => {
      const result = buildPatrolReport(input, records, '2026-11-20', 'x');
      return result.ok ? null : result.error;
    };
    expect(refuse(createInput({ found: [{ longitude: 120.5, latitude: 27.505, areaSquareMeters: 120, buildingType: '住宅', ownerName: '' }] }))).toContain('不在网格「灵网格001」内');
    expect(refuse(createInput({ at: '2026-11-21T08:00' }))).toContain('晚于今天');
    expect(refuse(createInput({ findings: ' ' }))).toContain('请填写巡查情况');
    expect(refuse(createInput({ photo: `data:image/jpeg;base64,${'A'.repeat(500_000)}` }))).toContain('照片过大');
    expect(refuse(createInput({ cellId: 'nope' }))).toContain('找不到网格');
  });
});

describe('filePatrolReport', () => {
  it('stores the report and its violation in one edit; a refused report stores nothing', async () => {
    const service = createProjectService({
      databaseName: 'patrol-commands-test', sampleName: 'test', now: () => new Date(2026, 10, 20, 10, 0),
      loadSample: async () => ({ gridCells: [createCell()], villages: [createVillage()] }),
    });
    await service.opened;
    expect(await filePatrolReport(service, createInput({ patroller: '' }))).toContain('请填写巡查人');
    expect((await service.counts()).patrolReports).toBe(0);
    expect(await filePatrolReport(service, createInput())).toBeNull();
    const [report] = await service.readStored('patrolReports');
    const violations = await service.readStored('violations');
    expect(violations.map((violation) => violation.id)).toEqual((report as unknown as { createdViolationIds: string[] }).createdViolationIds);
    expect(service.store.getState().records.violations).toHaveLength(1);
    service.close();
  });
});
