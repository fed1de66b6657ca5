import 'fake-indexeddb/auto';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { createProjectService } from './project-service';
import { createBackup, readBackup, restoreBackup } from './project-backup';
import { advanceViolationStatus } from './violation-commands';

function createViolation(id: string): Violation {
  return {
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4003, 27.5], [120.4003, 27.5003], [120.4, 27.5]]] },
    properties: { code: `WJ-${id}`, buildingType: '住宅', townshipId: 't-1', villageId: 'vl-1', yearBuilt: 2019, ownerType: '个人', ownerName: '李四', areaSquareMeters: 500, status: '处置中', statusDates: { 发现: '2026-02-01' }, origin: '存量', disposalClass: '拆除' },
  };
}
function createService(violations: Violation[]) {
  return createProjectService({
    databaseName: `backup-${Math.random().toString(36).slice(2)}`, sampleName: 'test',
    loadSample: async () => ({ violations }), now: () => new Date(2026, 10, 21),
  });
}
const gzipJson = (value: unknown) => gzipSync(new TextEncoder().encode(JSON.stringify(value)));

describe('project backup', () => {
  it('restores into an empty project exactly what was stored, settings included', async () => {
    const original = createService([createViolation('v-1'), createViolation('v-2')]);
    await original.opened;
    await advanceViolationStatus(original, 'v-2', '已拆除');
    await original.setLayerVisible('zones', false);
    const { bytes, counts } = await createBackup(original);
    expect(counts['violations']).toBe(2);

    const fresh = createService([createViolation('other')]);
    await fresh.opened;
    const checked = readBackup(bytes);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    await restoreBackup(fresh, checked.value);
    expect(await fresh.readEverything()).toEqual(await original.readEverything());
    const state = fresh.store.getState();
    expect(state.records.violations.map((violation) => violation.id).sort()).toEqual(['v-1', 'v-2']);
    expect(state.layers.find((layer) => layer.id === 'zones')?.visible).toBe(false);
    original.close();
    fresh.close();
  });

  it('refuses files that are not backups, newer schemas, bad records and gzip bombs, changing nothing', () => {
    expect(readBackup(new TextEncoder().encode('{"a":1}'))).toEqual({ ok: false, error: expect.stringContaining('gzip') });
    expect(readBackup(gzipJson({ format: 'x' }))).toEqual({ ok: false, error: expect.stringContaining('不是本系统') });
    const base = { format: 'chaizheng-onemap-backup', formatVersion: 1, schemaVersion: 2, createdAt: '', counts: {}, meta: {} };
    expect(readBackup(gzipJson({ ...base, schemaVersion: 99, records: {} }))).toEqual({ ok: false, error: expect.stringContaining('升级') });
    expect(readBackup(gzipJson({ ...base, records: { violations: [{ id: 'a' }, { id: 'a' }] } }))).toEqual({ ok: false, error: expect.stringContaining('重复') });
    expect(readBackup(gzipJson({ ...base, records: { hackers: [] } }))).toEqual({ ok: false, error: expect.stringContaining('hackers') });
    const bomb = gzipSync(new Uint8Array(4_000_000));
    new DataView(bomb.buffer).setUint32(bomb.length - 4, 2_000_000_000, true);
    expect(readBackup(bomb)).toEqual({ ok: false, error: expect.stringContaining('过大') });
  });
});
