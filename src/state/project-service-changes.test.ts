import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { createProjectService } from './project-service';

function createViolation(id: string): Violation {
  return {
    type: 'Feature', id,
    geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4003, 27.5], [120.4003, 27.5003], [120.4, 27.5]]] },
    properties: {
      code: `WJ-${id}`, buildingType: '住宅', townshipId: 't-1', villageId: 'vl-1', yearBuilt: 2019, ownerType: '个人',
      ownerName: '李四', areaSquareMeters: 500, status: '认定', statusDates: { 发现: '2026-02-01' }, origin: '新增', disposalClass: null,
    },
  };
}

function createService(name: string) {
  return createProjectService({ databaseName: name, sampleName: 'test', loadSample: async () => ({ violations: [createViolation('v-1')] }) });
}

const uniqueName = () => `changes-${Math.random().toString(36).slice(2)}`;

describe('ProjectService.saveChanges', () => {
  it('saves changes to several kinds as one edit that a new session reads back', async () => {
    const name = uniqueName();
    const first = createService(name);
    await first.opened;
    const patch = { type: 'Feature', id: 'cp-1', geometry: null, properties: { status: '认定', violationId: 'v-2' } };
    await first.saveChanges([{ kind: 'changePatches', put: [patch as never] }, { kind: 'violations', put: [createViolation('v-2')], delete: ['v-1'] }]);
    expect(first.store.getState().records.violations.map((violation) => violation.id)).toEqual(['v-2']);
    expect(first.store.getState().records.changePatches.map((entry) => entry.id)).toEqual(['cp-1']);
    first.close();
    const second = createService(name);
    await second.opened;
    expect(second.store.getState().records.violations.map((violation) => violation.id)).toEqual(['v-2']);
    expect(second.store.getState().records.changePatches).toEqual([patch]);
    second.close();
  });

  it('stores none of the kinds when one record is rejected, and shows the failure', async () => {
    const name = uniqueName();
    const service = createService(name);
    await service.opened;
    const invalid = { noId: true } as unknown as Violation;
    const failure = await service.saveChanges([{ kind: 'changePatches', put: [{ id: 'cp-1' }] }, { kind: 'violations', put: [invalid] }]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(service.store.getState().save.state).toBe('failed');
    expect(await service.readStored('changePatches')).toEqual([]);
    expect((await service.readStored('violations')).map((record) => record.id)).toEqual(['v-1']);
    service.close();
  });
});

describe('ProjectService.seedSampleEpochs', () => {
  it('stores the sample epochs and images once, and reads an image back', async () => {
    const name = uniqueName();
    const service = createService(name);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { epochs: [{ id: 'e-1', name: '样例' }], images: [{ epochId: 'e-1', mimeType: 'image/png', bytes: new Uint8Array([1, 2, 3]).buffer }] };
    };
    expect(await service.seedSampleEpochs(load, 'sample')).toBe(true);
    expect(service.store.getState().records.epochs.map((epoch) => epoch.id)).toEqual(['e-1']);
    expect(await service.seedSampleEpochs(load, 'sample')).toBe(false);
    expect(loads).toBe(1);
    const image = await service.readEpochImage('e-1');
    expect([...new Uint8Array(image!.bytes)]).toEqual([1, 2, 3]);
    expect(await service.readEpochImage('missing')).toBeNull();
    service.close();
    const reopened = createService(name);
    await reopened.opened;
    expect(reopened.store.getState().records.epochs.map((epoch) => epoch.id)).toEqual(['e-1']);
    expect(await reopened.seedSampleEpochs(load, 'sample')).toBe(false);
    reopened.close();
  });
});
