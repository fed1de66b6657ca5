import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCheckpoints } from './checkpoints';
import { openProjectDatabase, type ProjectDatabase } from './database';
import { JOURNAL_DIRECT_ENTRIES, readJournalAfter, type JournalEntryInput } from './journal';
import { JOURNAL_STORE } from './schema';
import { WRITE_PROGRESS_REQUESTS, WRITE_SLICE_BUDGET_MS, WRITE_SLICE_CHECK, WRITE_SLICE_REQUESTS, readAll, readMeta, replaceEverything, saveEdit, type StoredRecord } from './repository';
import { StorageFailureError } from './storage-error';

const RECORDS = 10_000;
let databaseCounter = 0;
const databases: ProjectDatabase[] = [];

async function openDatabase(): Promise<ProjectDatabase> {
  databaseCounter += 1;
  const database = await openProjectDatabase({ name: `sliced-${databaseCounter}-${Math.random().toString(36).slice(2)}` });
  databases.push(database);
  return database;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const database of databases.splice(0)) database.close();
});

const violation = (id: string): StoredRecord => ({ id, type: 'Feature', geometry: { type: 'Point', coordinates: [114, 27.5] }, properties: { status: '发现', townshipId: 't-1' } } as StoredRecord);
const violations = (count: number, prefix = 'v') => Array.from({ length: count }, (_, index) => violation(`${prefix}-${index}`));
/** A record IndexedDB refuses synchronously (no key at the key path `id`). */
const keyless = { notAnId: true } as unknown as StoredRecord;

function importSummary(ids: readonly string[]): JournalEntryInput {
  return {
    at: '2026-11-22T03:00:00.000Z', author: '测试员', action: '导入', kind: 'violations', recordId: null, before: null, after: null, editId: 'edit-1',
    summary: { createdIds: [...ids], updatedIds: [], deletedIds: [], before: [] },
  };
}

const checkpoint = { id: 'cp-000001763780000000-abcdef', name: '导入前自动还原点', at: '2026-11-22T03:00:00.000Z', author: '测试员', automatic: true };

/**
 * Counts object-store puts as they are issued (the fake-indexeddb prototype the idb wrapper calls),
 * and the length of each run of puts issued in one go (no microtask between them): a slice.
 */
function countPuts(method: 'put' | 'add' = 'put'): { readonly count: number; readonly runs: readonly number[] } {
  const original = IDBObjectStore.prototype[method];
  const counter = { count: 0, runs: [] as number[] };
  let inRun = false;
  vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    counter.count += 1;
    if (!inRun) {
      inRun = true;
      counter.runs.push(0);
      queueMicrotask(() => {
        inRun = false;
      });
    }
    counter.runs[counter.runs.length - 1]! += 1;
    return original.apply(this, args);
  });
  return counter;
}

describe('sliced writes', () => {
  it('commits every record of a big edit with its journal entry, checkpoint and meta, issuing at most one slice at once', async () => {
    const database = await openDatabase();
    const records = violations(RECORDS);
    const puts = countPuts();
    const saving = saveEdit(database, {
      changes: [{ kind: 'violations', put: records }],
      meta: { lastImport: 'bench.geojson' },
      journal: [importSummary(records.map((record) => record.id))],
      checkpoint,
    });
    // saveEdit runs synchronously up to its first await: a big write issues no put by then.
    expect(puts.count).toBe(0);
    await saving;
    expect(puts.count).toBe(RECORDS + 2); // the records, the meta entry and the checkpoint
    expect(Math.max(...puts.runs)).toBeLessThanOrEqual(WRITE_SLICE_REQUESTS);
    expect(puts.runs.length).toBeGreaterThanOrEqual(RECORDS / WRITE_SLICE_REQUESTS);
    const stored = await readAll(database, 'violations');
    expect(stored).toHaveLength(RECORDS);
    expect(new Set(stored.map((record) => record.id))).toEqual(new Set(records.map((record) => record.id)));
    expect(await readMeta(database, 'lastImport')).toBe('bench.geojson');
    const journal = await readJournalAfter(database, 0);
    expect(journal).toHaveLength(1);
    expect(journal[0]?.summary?.createdIds).toHaveLength(RECORDS);
    expect((await listCheckpoints(database)).map((entry) => [entry.id, entry.seq])).toEqual([[checkpoint.id, 0]]);
  });

  it('issues a small edit in one go, as a single slice', async () => {
    const database = await openDatabase();
    const puts = countPuts();
    const saving = saveEdit(database, { changes: [{ kind: 'violations', put: violations(50) }], meta: { note: 1 } });
    expect(puts.count).toBe(51);
    await saving;
    expect(await readAll(database, 'violations')).toHaveLength(50);
  });

  it('issues a big edit at once when not sliced (a worker), and keeps it all-or-nothing', async () => {
    const database = await openDatabase();
    const puts = countPuts();
    const records = violations(RECORDS);
    const saving = saveEdit(database, { changes: [{ kind: 'violations', put: records }], journal: [importSummary(records.map((record) => record.id))], checkpoint }, { sliced: false });
    await saving;
    expect(Math.max(...puts.runs)).toBeGreaterThanOrEqual(RECORDS); // every record in one go
    expect(await readAll(database, 'violations')).toHaveLength(RECORDS);
    expect((await readJournalAfter(database, 0))[0]?.summary?.createdIds).toHaveLength(RECORDS);
    const failing = saveEdit(database, { changes: [{ kind: 'violations', put: [...violations(RECORDS, 'w'), keyless] }] }, { sliced: false });
    await expect(failing).rejects.toBeInstanceOf(StorageFailureError);
    expect(await readAll(database, 'violations')).toHaveLength(RECORDS);
  });

  it('reports how many requests have succeeded, every thousand, in order', async () => {
    const database = await openDatabase();
    const written: number[] = [];
    await saveEdit(database, { changes: [{ kind: 'violations', put: violations(RECORDS) }] }, { sliced: false, onWritten: (_, count) => written.push(count) });
    expect(written).toEqual(Array.from({ length: RECORDS / WRITE_PROGRESS_REQUESTS }, (_, index) => (index + 1) * WRITE_PROGRESS_REQUESTS));
  });

  it('stores nothing — records, journal, checkpoint, meta — when the bad record is in the last slice', async () => {
    const database = await openDatabase();
    await saveEdit(database, { changes: [{ kind: 'violations', put: [violation('existing')] }] });
    const records = [...violations(RECORDS - 1), keyless];
    const failure = await saveEdit(database, {
      changes: [{ kind: 'zones', put: [{ id: 'z-1' }] }, { kind: 'violations', put: records, delete: ['existing'] }],
      meta: { lastImport: 'bad.geojson' },
      journal: [importSummary(records.slice(0, -1).map((record) => record.id))],
      checkpoint,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFailureError);
    expect((failure as StorageFailureError).failure.detail).toMatch(/DataError/);
    expect((await readAll(database, 'violations')).map((record) => record.id)).toEqual(['existing']);
    expect(await readAll(database, 'zones')).toEqual([]);
    expect(await readMeta(database, 'lastImport')).toBeUndefined();
    expect(await readJournalAfter(database, 0)).toEqual([]);
    expect(await listCheckpoints(database)).toEqual([]);
  });

  it('ends a slice at the first clock check past its time budget, and still commits everything', async () => {
    const database = await openDatabase();
    const records = violations(3000);
    const puts = countPuts();
    // Each put "takes" 0.07 ms of main-thread time.
    const perPut = 0.07;
    vi.spyOn(performance, 'now').mockImplementation(() => puts.count * perPut);
    await saveEdit(database, { changes: [{ kind: 'violations', put: records }] });
    const firstCheckPastBudget = (Math.floor(WRITE_SLICE_BUDGET_MS / perPut / WRITE_SLICE_CHECK) + 1) * WRITE_SLICE_CHECK;
    expect(firstCheckPastBudget).toBeLessThan(WRITE_SLICE_REQUESTS);
    const fullSlices = Math.floor(records.length / firstCheckPastBudget);
    expect(puts.runs).toEqual([...Array.from({ length: fullSlices }, () => firstCheckPastBudget), records.length - fullSlices * firstCheckPastBudget]);
    expect(puts.count).toBe(records.length);
    expect(await readAll(database, 'violations')).toHaveLength(records.length);
  });

  it('deletes thousands of records in slices', async () => {
    const database = await openDatabase();
    const records = violations(RECORDS);
    await saveEdit(database, { changes: [{ kind: 'violations', put: records }] });
    await saveEdit(database, { changes: [{ kind: 'violations', delete: records.slice(0, RECORDS - 3).map((record) => record.id) }] });
    expect((await readAll(database, 'violations')).map((record) => record.id).sort()).toEqual(records.slice(RECORDS - 3).map((record) => record.id).sort());
  });

  it('replaces the whole project in slices, and leaves the old project untouched when the last record is bad', async () => {
    const database = await openDatabase();
    await saveEdit(database, { changes: [{ kind: 'violations', put: violations(3, 'old') }, { kind: 'zones', put: [{ id: 'old-zone' }] }], meta: { name: '旧项目' } });
    const bad = { violations: violations(RECORDS), zones: [...Array.from({ length: 1500 }, (_, index) => ({ id: `z-${index}` })), keyless] };
    const failure = await replaceEverything(database, bad, { name: '新项目' }, ['violations', 'zones']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFailureError);
    expect((await readAll(database, 'violations')).map((record) => record.id).sort()).toEqual(['old-0', 'old-1', 'old-2']);
    expect(await readAll(database, 'zones')).toEqual([{ id: 'old-zone' }]);
    expect(await readMeta(database, 'name')).toBe('旧项目');

    const good = { violations: violations(RECORDS), zones: bad.zones.slice(0, -1) };
    await replaceEverything(database, good, { name: '新项目' }, ['violations', 'zones'], { journal: [{ ...importSummary([]), kind: null, summary: undefined, action: '从备份恢复' }] });
    expect(await readAll(database, 'violations')).toHaveLength(RECORDS);
    expect(await readAll(database, 'zones')).toHaveLength(1500);
    expect(await readMeta(database, 'name')).toBe('新项目');
    expect((await readJournalAfter(database, 0)).map((entry) => entry.action)).toEqual(['从备份恢复']);
  });

  describe('journal of a big edit', () => {
    /** `count` summary parts of one import, 10 ids each. */
    const parts = (count: number) => Array.from({ length: count }, (_, index) => importSummary(Array.from({ length: 10 }, (_, id) => `p${index}-${id}`)));

    it('adds the entries of a small edit directly, in the task of the call', async () => {
      const database = await openDatabase();
      const adds = countPuts('add');
      const detail = { ...importSummary([]), summary: undefined, action: '修改', recordId: 'v-1' };
      const saving = saveEdit(database, { changes: [{ kind: 'violations', put: [violation('v-1')] }], journal: [detail, importSummary(['v-2'])], checkpoint });
      expect(adds.count).toBe(2);
      await saving;
      expect((await readJournalAfter(database, 0)).map((entry) => entry.recordId)).toEqual(['v-1', null]);
    });

    it('issues the parts of a big edit in slices after the checkpoint, in order, without null keys', async () => {
      const database = await openDatabase();
      await saveEdit(database, { changes: [], journal: [{ ...importSummary([]), summary: undefined, recordId: 'v-0' }] });
      const journal = parts(JOURNAL_DIRECT_ENTRIES + 5);
      const adds = countPuts('add');
      const saving = saveEdit(database, { changes: [{ kind: 'violations', put: violations(20) }], journal, checkpoint });
      // Queued behind the checkpoint: no entry is cloned in the caller's task.
      expect(adds.count).toBe(0);
      await saving;
      expect(adds.count).toBe(journal.length);
      const stored = await readJournalAfter(database, 1);
      expect(stored.map((entry) => entry.summary?.createdIds[0])).toEqual(journal.map((entry) => entry.summary?.createdIds[0]));
      expect(stored.map((entry) => entry.seq)).toEqual(journal.map((_, index) => index + 2));
      expect((await listCheckpoints(database)).map((entry) => entry.seq)).toEqual([1]);
      const raw = (await database.getAll(JOURNAL_STORE)) as Record<string, unknown>[];
      expect(raw.slice(1).some((entry) => 'recordId' in entry)).toBe(false);
      expect(await readAll(database, 'violations')).toHaveLength(20);
    });

    it('also slices many detail entries, and looks at the clock after each entry', async () => {
      const database = await openDatabase();
      const journal = Array.from({ length: 3 * JOURNAL_DIRECT_ENTRIES }, (_, index) => ({ ...importSummary([]), summary: undefined, recordId: `v-${index}` }));
      const adds = countPuts('add');
      // Each add "takes" 4 ms of main-thread time.
      const perAdd = 4;
      vi.spyOn(performance, 'now').mockImplementation(() => adds.count * perAdd);
      await saveEdit(database, { changes: [], journal });
      const perSlice = Math.floor(WRITE_SLICE_BUDGET_MS / perAdd) + 1;
      expect(Math.max(...adds.runs)).toBe(perSlice);
      expect(adds.runs.reduce((total, run) => total + run, 0)).toBe(journal.length);
      expect((await readJournalAfter(database, 0)).map((entry) => entry.recordId)).toEqual(journal.map((entry) => entry.recordId));
    });

    it('stores none of the parts when a record of the edit is bad', async () => {
      const database = await openDatabase();
      const failure = await saveEdit(database, { changes: [{ kind: 'violations', put: [...violations(30), keyless] }], journal: parts(JOURNAL_DIRECT_ENTRIES + 1), checkpoint }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageFailureError);
      expect(await readJournalAfter(database, 0)).toEqual([]);
      expect(await listCheckpoints(database)).toEqual([]);
      expect(await readAll(database, 'violations')).toEqual([]);
    });
  });
});
