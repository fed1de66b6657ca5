import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { JournalEntryInput } from '../storage/journal';
import { SCHEMA_VERSION } from '../storage/schema';
import { StorageFailureError } from '../storage/storage-error';
import { createInProcessImportClient, type ImportClient } from './import-pipeline-client';
import { storeCheckedImport } from './import-pipeline';
import type { FileLike } from './import-sources';
import { importWriteRequestOf, JOURNAL_BATCH_ENTRIES, journalBatches } from './import-write';
import { createProjectService } from './project-service';

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

function createFile(features: unknown[]): FileLike {
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  return { name: '违建.geojson', text: async () => text, arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer };
}

const building = (index: number) => {
  const x = 120.4 + index * 0.001;
  return { type: 'Feature', id: `w${index}`, properties: { 图斑编号: `WJ-${index}` }, geometry: { type: 'Polygon', coordinates: [[[x, 27.5], [x + 0.0005, 27.5], [x + 0.0005, 27.5005], [x, 27.5005], [x, 27.5]]] } };
};

const entry = (recordId: string | null, summary?: JournalEntryInput['summary']): JournalEntryInput => ({
  at: '2026-11-22T10:00:00.000Z', author: '测试', action: '导入', kind: 'violations', recordId, before: null, after: null, editId: 'e-1', ...(summary ? { summary } : {}),
});

function createService(databaseName: string) {
  return createProjectService({ databaseName, sampleName: 'test', loadSample: async () => ({}), now: () => new Date(2026, 10, 22) });
}

/** A client that has read and checked `count` buildings, with every record taken as the dialog does. */
async function checkedClient(count: number) {
  const client = createInProcessImportClient();
  await client.read([createFile(Array.from({ length: count }, (_, index) => building(index)))]);
  const checked = await client.check({ kind: 'violations', mapping: {}, existingIds: [], townships: [], villages: [], isoDate: '2026-11-22', stamp: 's' });
  return { client, checked };
}

/** `client` with its `store` replaced. */
function withStore(client: ImportClient, store: ImportClient['store']): ImportClient {
  return {
    read: (...args) => client.read(...args),
    check: (...args) => client.check(...args),
    takeRecords: (start, count) => client.takeRecords(start, count),
    store,
    cancel: () => client.cancel(),
    get cancelled() {
      return client.cancelled;
    },
  };
}

describe('journal batches sent to the import worker', () => {
  it('groups detail entries, sends each summary part alone, and keeps the order', () => {
    const details = Array.from({ length: JOURNAL_BATCH_ENTRIES + 3 }, (_, index) => entry(`r${index}`));
    const summaries = [0, 1].map((part) => entry(null, { createdIds: [`p${part}`], updatedIds: [], deletedIds: [], before: null }));
    const journal = [details[0]!, ...summaries, ...details.slice(1)];
    const batches = journalBatches(journal);
    expect(batches.flat()).toEqual(journal);
    expect(batches.map((batch) => batch.length)).toEqual([1, 1, 1, JOURNAL_BATCH_ENTRIES, 2]);
    expect(journalBatches([])).toEqual([]);
  });
});

describe('the edit an import worker may write', () => {
  const records = [{ id: 'a' }, { id: 'b' }];
  it('is the puts of one kind, as many as the session holds, with a checkpoint', () => {
    const checkpoint = { id: 'cp-1', name: '导入前自动还原点', at: '2026-11-22T10:00:00.000Z', author: '测试', automatic: true };
    expect(importWriteRequestOf({ changes: [{ kind: 'violations', put: records, delete: [] }], checkpoint }, 'db', 2))
      .toEqual({ databaseName: 'db', kind: 'violations', checkpoint });
  });
  it.each([
    ['deletes', { changes: [{ kind: 'violations' as const, put: records, delete: ['x'] }] }, 2],
    ['two kinds', { changes: [{ kind: 'violations' as const, put: records }, { kind: 'zones' as const, put: [] }] }, 2],
    ['settings', { changes: [{ kind: 'violations' as const, put: records }], meta: { a: 1 } }, 2],
    ['other records than the session holds', { changes: [{ kind: 'violations' as const, put: records }] }, 3],
  ])('refuses %s', (_, edit, held) => {
    expect(() => importWriteRequestOf(edit, 'db', held)).toThrow('导入线程只能写入本次导入的要素');
  });
});

describe('storing an import from the session that holds its records', () => {
  it('writes the records, the journal and the checkpoint in one edit, the store showing them', async () => {
    const service = createService(uniqueName('import-write'));
    await service.opened;
    const { client, checked } = await checkedClient(5);
    const shown: number[] = [];
    const report = await storeCheckedImport(service, client, checked, undefined, () => shown.push(service.store.getState().records.violations.length));
    expect(shown).toEqual([5]); // the store showed them once, before the write resolved
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(5);
    const stored = await service.readStored('violations');
    expect(stored.map((record) => record.id).sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
    expect(stored).toEqual(expect.arrayContaining(service.store.getState().records.violations as never[]));
    const journal = await service.readJournalAfter(0);
    expect(journal.map((item) => [item.action, item.recordId])).toEqual(stored.map((record) => ['导入', record.id]));
    const [checkpoint] = await service.listCheckpoints();
    expect(checkpoint).toMatchObject({ name: '导入前自动还原点', automatic: true });
    service.close();
  });

  it('reports the records written while the worker writes them', async () => {
    const service = createService(uniqueName('import-progress'));
    await service.opened;
    const { client, checked } = await checkedClient(2100);
    const progress: { stage: string; done: number; total: number }[] = [];
    const report = await storeCheckedImport(service, client, checked, (step) => progress.push(step));
    expect(report.imported).toBe(2100);
    const written = progress.filter((step) => step.stage === 'store').map((step) => step.done);
    // Told before the write, every thousand requests (the journal's parts come first), and at the end.
    expect(written[0]).toBe(0);
    expect(written.at(-1)).toBe(2100);
    expect(written.length).toBeGreaterThanOrEqual(4);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(progress.every((step) => step.stage !== 'store' || step.total === 2100)).toBe(true);
    service.close();
  });

  it('reports a storage failure by its kind and stores nothing', async () => {
    const databaseName = uniqueName('import-newer');
    // A newer version of the app has upgraded the database meanwhile.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(databaseName, SCHEMA_VERSION + 1);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const { client } = await checkedClient(2);
    const failure = await client.store({ changes: [{ kind: 'violations', put: [{ id: 'w0' }, { id: 'w1' }] }] }, databaseName).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFailureError);
    expect((failure as StorageFailureError).failure.kind).toBe('version');
  });

  it('shows a failed write in the report and the save status', async () => {
    const service = createService(uniqueName('import-failing'));
    await service.opened;
    const { client, checked } = await checkedClient(3);
    const failing = withStore(client, () => Promise.reject(new StorageFailureError({ kind: 'quota', message: '浏览器存储空间已满，本次修改未能保存。', detail: 'QuotaExceededError' })));
    const report = await storeCheckedImport(service, failing, checked);
    expect(report.errors[0]).toContain('保存失败，未导入任何要素');
    expect(report.errors[0]).toContain('存储空间已满');
    expect(service.store.getState().save).toMatchObject({ failure: { kind: 'quota' } });
    expect(await service.readStored('violations')).toEqual([]);
    service.close();
  });

  it('lets a write in progress finish when the import is cancelled, then stops', async () => {
    const service = createService(uniqueName('import-cancel'));
    await service.opened;
    const { client, checked } = await checkedClient(4);
    // The dialog is closed while the records are being written.
    const closing = withStore(client, (edit, databaseName) => {
      const writing = client.store(edit, databaseName);
      client.cancel();
      return writing;
    });
    expect((await storeCheckedImport(service, closing, checked)).imported).toBe(4);
    expect(client.cancelled).toBe(true);
    expect(await service.readStored('violations')).toHaveLength(4);
    await expect(client.takeRecords(0, 1)).rejects.toThrow('导入已取消');
    service.close();
  });
});
