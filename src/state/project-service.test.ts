import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { createProjectService } from './project-service';
import { advanceViolationStatus } from './violation-commands';

function createViolation(id: string): Violation {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4003, 27.5], [120.4003, 27.5003], [120.4, 27.5]]] },
    properties: {
      code: `WJ-${id}`, buildingType: '住宅', townshipId: 't-1', villageId: 'vl-1', yearBuilt: 2019, ownerType: '个人',
      ownerName: '李四', areaSquareMeters: 500, status: '处置中', statusDates: { 发现: '2026-02-01' }, origin: '存量', disposalClass: '拆除',
    },
  };
}

function createService(name = `service-${Math.random().toString(36).slice(2)}`) {
  return createProjectService({
    databaseName: name,
    sampleName: 'test sample',
    loadSample: async () => ({ violations: [createViolation('v-1'), createViolation('v-2')] }),
    now: () => new Date(2026, 10, 21, 9, 30),
  });
}

describe('project service', () => {
  it('seeds the sample on first open and loads it into the store', async () => {
    const service = createService();
    await service.opened;
    const state = service.store.getState();
    expect(state.phase).toBe('ready');
    expect(state.records.violations.map((violation) => violation.id)).toEqual(['v-1', 'v-2']);
    expect((await service.counts()).violations).toBe(2);
    service.close();
  });

  it('saves a status transition as one edit that a new session reads back', async () => {
    const name = `service-${Math.random().toString(36).slice(2)}`;
    const first = createService(name);
    await first.opened;
    expect(await advanceViolationStatus(first, 'v-2', '已拆除')).toBeNull();
    expect(first.store.getState().save.state).toBe('saved');
    first.close();
    const second = createService(name);
    await second.opened;
    const reloaded = second.store.getState().records.violations.find((violation) => violation.id === 'v-2');
    expect(reloaded?.properties.status).toBe('已拆除');
    expect(reloaded?.properties.statusDates['已拆除']).toBe('2026-11-21');
    second.close();
  });

  it('keeps layer settings across sessions', async () => {
    const name = `service-${Math.random().toString(36).slice(2)}`;
    const first = createService(name);
    await first.opened;
    await first.setLayerVisible('violations', false);
    await first.setLayerOpacity('zones', 0.4);
    first.close();
    const second = createService(name);
    await second.opened;
    const layers = second.store.getState().layers;
    expect(layers.find((layer) => layer.id === 'violations')?.visible).toBe(false);
    expect(layers.find((layer) => layer.id === 'zones')?.opacity).toBeCloseTo(0.4);
    second.close();
  });

  it('shows a failed save and keeps the edit in memory', async () => {
    const service = createService();
    await service.opened;
    service.close(); // the connection is gone: the next write must fail visibly
    const broken = { ...createViolation('v-3') } as Violation;
    await expect(service.saveRecords('violations', [broken])).rejects.toThrow();
    const state = service.store.getState();
    expect(state.save.state).toBe('failed');
    expect(state.records.violations.some((violation) => violation.id === 'v-3')).toBe(true);
  });

  it('refuses a transition the lifecycle does not allow without saving anything', async () => {
    const service = createService();
    await service.opened;
    const error = await advanceViolationStatus(service, 'v-1', '销号');
    expect(error).toContain('WJ-v-1');
    expect(service.store.getState().save.state).toBe('idle');
    service.close();
  });

  it('shows an edit saved in another tab (same database) without a reload', async () => {
    const name = `service-${Math.random().toString(36).slice(2)}`;
    const planner = createService(name);
    await planner.opened;
    const wall = createService(name);
    await wall.opened;
    const updated = new Promise<void>((resolve) => {
      const unsubscribe = wall.store.subscribe(() => {
        const violation = wall.store.getState().records.violations.find((record) => record.id === 'v-1');
        if (violation?.properties.status === '已整改') { unsubscribe(); resolve(); }
      });
    });
    expect(await advanceViolationStatus(planner, 'v-1', '已整改')).toBeNull();
    await updated;
    expect(wall.store.getState().save.state).toBe('idle');
    planner.close();
    wall.close();
  });
});
