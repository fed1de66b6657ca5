import { describe, expect, it } from 'vitest';
import { createInProcessImportClient, ImportCancelledError } from './import-pipeline-client';
import { ImportSession } from './import-session';
import type { FileLike } from './import-sources';

function createFile(name: string, content: unknown): FileLike {
  const text = JSON.stringify(content);
  return { name, text: async () => text, arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer };
}

const building = (index: number) => {
  const x = 120.4 + index * 0.001;
  return { type: 'Feature', id: `b${index}`, properties: { 状态: '已拆' }, geometry: { type: 'Polygon', coordinates: [[[x, 27.5], [x + 0.0005, 27.5], [x + 0.0005, 27.5005], [x, 27.5005], [x, 27.5]]] } };
};

describe('import client (in process)', () => {
  it('reads, checks with the mapping, and hands the records over in slices', async () => {
    const client = createInProcessImportClient();
    const read = await client.read([createFile('a.geojson', { type: 'FeatureCollection', features: [0, 1, 2].map(building) })]);
    expect(read.ok && read.featureCount).toBe(3);
    const progress: string[] = [];
    const checked = await client.check({
      kind: 'violations', mapping: { status: { from: 'field', field: '状态', values: { 已拆: '已拆除' } } },
      existingIds: ['b1'], townships: [], villages: [], isoDate: '2026-11-21', stamp: 'x',
    }, (step) => progress.push(step.stage));
    expect(checked.accepted).toBe(2);
    expect(checked.report.items.filter((item) => item.action === 'rejected').map((item) => [item.index, item.rule])).toEqual([[1, 'duplicateId']]);
    expect(checked.bbox).not.toBeNull();
    expect(progress).toContain('validate');
    const slices = [...(await client.takeRecords(0, 1)), ...(await client.takeRecords(1, 1))];
    expect(slices.map((record) => [record.id, (record as unknown as { properties: { status: string } }).properties.status]))
      .toEqual([['b0', '已拆除'], ['b2', '已拆除']]);
  });

  it('hands over the same records as the session holds, packed and unpacked (keys in the same order)', async () => {
    const client = createInProcessImportClient();
    const session = new ImportSession();
    const files = [createFile('a.geojson', { type: 'FeatureCollection', features: [0, 1, 2, 3].map(building) })];
    const request = { kind: 'violations', mapping: {}, existingIds: [], townships: [], villages: [], isoDate: '2026-11-21', stamp: 'x' };
    await client.read(files);
    await session.read(files);
    expect((await client.check(request)).accepted).toBe(4);
    session.check(request);
    const handed = [...(await client.takeRecords(0, 3)), ...(await client.takeRecords(3, 3))];
    const held = session.takeRecords(0, 4);
    expect(handed).toEqual(held);
    expect(handed.map((record) => JSON.stringify(record))).toEqual(held.map((record) => JSON.stringify(record)));
  });

  it('asks for the coordinate system of projected metres instead of importing them as degrees', async () => {
    const client = createInProcessImportClient();
    const metres = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [539623, 3043208] } }] };
    const read = await client.read([createFile('m.geojson', metres)]);
    expect(read.ok).toBe(false);
    expect(read.question?.reason).toContain('中央经线');
  });

  it('asks to confirm a system that was only guessed from the numbers (zone prefix, swapped axes)', async () => {
    const client = createInProcessImportClient();
    const swapped = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [27.5, 120.4] } }] };
    const read = await client.read([createFile('s.geojson', swapped)]);
    expect(read.ok && read.question?.detected).toContain('纬度在前');
  });

  it('rejects calls in flight and later calls once cancelled', async () => {
    const client = createInProcessImportClient();
    const pending = client.read([createFile('a.geojson', { type: 'FeatureCollection', features: [building(0)] })]);
    client.cancel();
    await expect(pending).rejects.toBeInstanceOf(ImportCancelledError);
    await expect(client.takeRecords(0, 1)).rejects.toBeInstanceOf(ImportCancelledError);
  });
});
