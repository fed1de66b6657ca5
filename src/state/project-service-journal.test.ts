/**
 * The edit journal and checkpoints through the project service (fake-indexeddb): entries written in
 * the edit's transaction with before/after from memory, per-record history, rollback to a
 * checkpoint across create/update/delete, big edits as summary parts, restore with a snapshot, and
 * a tab that an upgrade elsewhere makes stop writing.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { JOURNAL_DETAIL_LIMIT, JOURNAL_PART_IDS } from '../storage/journal';
import { SCHEMA_VERSION } from '../storage/schema';
import { createNamedCheckpoint, previewRollback, rollbackToCheckpoint } from './checkpoint-commands';
import { createBackup, readBackup, restoreBackup } from './project-backup';
import { DEFAULT_AUTHOR, createProjectService } from './project-service';
import { advanceViolationStatus } from './violation-commands';

function createViolation(id: string, status: Violation['properties']['status'] = '认定'): Violation {
  return {
    type: 'Feature', id,
    geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4003, 27.5], [120.4003, 27.5003], [120.4, 27.5]]] },
    properties: {
      code: `WJ-${id}`, buildingType: '住宅', townshipId: 't-1', villageId: 'vl-1', yearBuilt: 2019, ownerType: '个人',
      ownerName: '李四', areaSquareMeters: 500, status, statusDates: { 发现: '2026-02-01' }, origin: '存量', disposalClass: '拆除',
    },
  };
}

const uniqueName = () => `journal-${Math.random().toString(36).slice(2)}`;

function createService(name = uniqueName(), violations = [createViolation('v-1'), createViolation('v-2')]) {
  let minute = 0;
  return createProjectService({
    databaseName: name, sampleName: 'test', loadSample: async () => ({ violations }),
    now: () => new Date(Date.UTC(2026, 10, 21, 1, (minute += 1))),
  });
}

const sortById = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

describe('edit journal', () => {
  it('journals each status change with who, when, before and after, newest first', async () => {
    const service = createService();
    await service.opened;
    expect(await advanceViolationStatus(service, 'v-1', '处置中')).toBeNull();
    await service.setAuthor('  张科长 ');
    expect(await advanceViolationStatus(service, 'v-1', '已拆除')).toBeNull();
    const history = await service.readRecordHistory('violations', 'v-1');
    expect(history.map((entry) => [entry.author, entry.action, entry.before?.['properties' as never]['status'], entry.after?.['properties' as never]['status']]))
      .toEqual([['张科长', '修改状态', '处置中', '已拆除'], [DEFAULT_AUTHOR, '修改状态', '认定', '处置中']]);
    expect(history[0]!.seq).toBeGreaterThan(history[1]!.seq);
    expect(history[0]!.at > history[1]!.at).toBe(true);
    expect(await service.readRecordHistory('violations', 'v-2')).toEqual([]);
    service.close();
  });

  it('keeps the author across sessions and labels an edit with the action passed down', async () => {
    const name = uniqueName();
    const first = createService(name);
    await first.opened;
    await first.setAuthor('王五');
    first.close();
    const second = createService(name);
    await second.opened;
    expect(second.author()).toBe('王五');
    await second.saveChanges([{ kind: 'violations', put: [createViolation('v-3')], delete: ['v-2'] }], '绘制区块');
    const entries = await second.readJournalAfter(0);
    expect(entries.map((entry) => [entry.action, entry.recordId, entry.before === null, entry.after === null, entry.author])).toEqual([
      ['绘制区块', 'v-2', false, true, '王五'],
      ['绘制区块', 'v-3', true, false, '王五'],
    ]);
    expect(new Set(entries.map((entry) => entry.editId)).size).toBe(1);
    expect(entries[0]!.before).toEqual(createViolation('v-2'));
    second.close();
  });

  it('writes no journal entry for an edit that failed, and none for a put that changes nothing', async () => {
    const service = createService();
    await service.opened;
    const invalid = { noId: true } as unknown as Violation;
    await expect(service.saveChanges([{ kind: 'zones', put: [{ id: 'z-1' }] }, { kind: 'violations', put: [createViolation('v-9'), invalid] }])).rejects.toThrow();
    expect(await service.readJournalAfter(0)).toEqual([]);
    await service.saveRecords('violations', [createViolation('v-1')]);
    expect(await service.readJournalAfter(0)).toEqual([]);
    service.close();
  });

  it('journals a big import as one summary of ids, after an automatic checkpoint that undoes it', async () => {
    const service = createService();
    await service.opened;
    await advanceViolationStatus(service, 'v-1', '处置中');
    const beforeImport = sortById(await service.readStored('violations'));
    const imported = Array.from({ length: JOURNAL_DETAIL_LIMIT + 50 }, (_, index) => createViolation(`imp-${index}`));
    await service.saveRecords('violations', [...imported, createViolation('v-2', '处置中')], [], '导入');
    const entries = await service.readJournalAfter(0);
    expect(entries).toHaveLength(2);
    const summary = entries[1]!;
    expect(summary.action).toBe('导入');
    expect(summary.recordId).toBeNull();
    expect(summary.summary?.createdIds).toHaveLength(imported.length);
    expect(summary.summary?.updatedIds).toEqual(['v-2']);
    expect(summary.summary?.before).toEqual([createViolation('v-2')]);
    const [checkpoint] = await service.listCheckpoints();
    expect(checkpoint).toMatchObject({ name: '导入前自动还原点', automatic: true, seq: entries[0]!.seq });
    const preview = await previewRollback(service, checkpoint!.id);
    expect(preview).toMatchObject({ ok: true, value: { mode: 'journal', changedCount: imported.length + 1 } });
    expect((await rollbackToCheckpoint(service, checkpoint!.id)).ok).toBe(true);
    expect(sortById(await service.readStored('violations'))).toEqual(beforeImport);
    expect(sortById(service.store.getState().records.violations)).toEqual(beforeImport);
    service.close();
  });
});

describe('big edits journaled in parts', () => {
  it('journals a big edit of updates, deletes and creates as parts of one edit after its checkpoint, and rolls it back exactly', async () => {
    const service = createService(uniqueName(), Array.from({ length: 300 }, (_, index) => createViolation(`old-${index}`)));
    await service.opened;
    const before = sortById(await service.readStored('violations'));
    const updated = before.slice(0, 150).map((violation) => createViolation(violation.id, '处置中'));
    const created = Array.from({ length: 300 }, (_, index) => createViolation(`new-${index}`));
    const deleted = before.slice(240).map((violation) => violation.id);
    await service.saveChanges([{ kind: 'violations', put: [...created.slice(0, 100), ...updated, ...created.slice(100)], delete: deleted }], '批量修改');
    const entries = await service.readJournalAfter(0);
    expect(entries.length).toBeGreaterThan(2);
    expect(entries.every((entry) => entry.summary && entry.action === '批量修改' && entry.editId === entries[0]!.editId)).toBe(true);
    expect(entries.map((entry) => entry.seq)).toEqual([...entries.map((entry) => entry.seq)].sort((a, b) => a - b));
    expect(entries.flatMap((entry) => entry.summary!.createdIds)).toEqual(created.map((violation) => violation.id));
    expect(entries.flatMap((entry) => entry.summary!.deletedIds)).toEqual(deleted);
    for (const entry of entries) expect(entry.summary!.before!.map((record) => record.id)).toEqual([...entry.summary!.updatedIds, ...entry.summary!.deletedIds]);
    const [checkpoint] = await service.listCheckpoints();
    expect(checkpoint).toMatchObject({ name: '批量修改前自动还原点', seq: 0 });
    expect(await previewRollback(service, checkpoint!.id)).toMatchObject({ ok: true, value: { changedCount: updated.length + created.length + deleted.length } });
    expect((await rollbackToCheckpoint(service, checkpoint!.id)).ok).toBe(true);
    expect(sortById(await service.readStored('violations'))).toEqual(before);
    expect(sortById(service.store.getState().records.violations)).toEqual(before);
    service.close();
  });

  it('imports more than JOURNAL_PART_IDS records in slices: parts in the journal, appended in the store, rolled back exactly', async () => {
    const service = createService();
    await service.opened;
    await advanceViolationStatus(service, 'v-1', '处置中');
    const kept = service.store.getState().records.violations;
    const beforeImport = sortById(await service.readStored('violations'));
    const imported = Array.from({ length: JOURNAL_PART_IDS + 50 }, (_, index) => createViolation(`imp-${index}`));
    await service.saveChanges([{ kind: 'violations', put: imported }], '导入', { yieldBeforeApplying: true });
    const records = service.store.getState().records.violations;
    expect(records.slice(0, kept.length)).toEqual(kept);
    expect(records[0]).toBe(kept[0]);
    expect(records.slice(kept.length)).toEqual(imported);
    const parts = (await service.readJournalAfter(0)).filter((entry) => entry.action === '导入');
    expect(parts.map((entry) => entry.summary!.createdIds.length)).toEqual([JOURNAL_PART_IDS, 50]);
    const checkpoint = (await service.listCheckpoints()).find((candidate) => candidate.name === '导入前自动还原点')!;
    expect(checkpoint.seq).toBe(parts[0]!.seq - 1);
    expect((await rollbackToCheckpoint(service, checkpoint.id)).ok).toBe(true);
    expect(sortById(await service.readStored('violations'))).toEqual(beforeImport);
    expect(sortById(service.store.getState().records.violations)).toEqual(beforeImport);
    service.close();
  });

  it('keeps an edit made while an import is being prepared, in the store and in storage', async () => {
    const service = createService();
    await service.opened;
    const imported = Array.from({ length: JOURNAL_DETAIL_LIMIT + 10 }, (_, index) => createViolation(`imp-${index}`));
    const importing = service.saveChanges([{ kind: 'violations', put: imported }], '导入', { yieldBeforeApplying: true });
    // Applied at once, while the import is still being prepared in later tasks.
    expect(await advanceViolationStatus(service, 'v-1', '处置中')).toBeNull();
    const edited = service.store.getState().records.violations.find((record) => record.id === 'v-1')!;
    expect(edited.properties.status).toBe('处置中');
    await importing;
    const expected = sortById([edited, createViolation('v-2'), ...imported]);
    expect(sortById(service.store.getState().records.violations)).toEqual(expected);
    expect(sortById(await service.readStored('violations'))).toEqual(expected);
    service.close();
  });
});

describe('checkpoints and rollback', () => {
  it('rolls back create, update and delete to the exact records, in one journaled step that can be rolled back in turn', async () => {
    const name = uniqueName();
    const service = createService(name);
    await service.opened;
    const original = sortById(await service.readStored('violations'));
    expect(await createNamedCheckpoint(service, '  ')).toEqual({ ok: false, reason: expect.stringContaining('名称') });
    expect(await createNamedCheckpoint(service, '调度会前')).toEqual({ ok: true, value: null });
    await advanceViolationStatus(service, 'v-1', '处置中');
    await advanceViolationStatus(service, 'v-1', '已拆除');
    await service.saveRecords('violations', [createViolation('v-3')], ['v-2']);
    const edited = sortById(await service.readStored('violations'));
    const [checkpoint] = await service.listCheckpoints();
    expect(checkpoint).toMatchObject({ name: '调度会前', automatic: false, seq: 0, hasSnapshot: false });
    expect(await previewRollback(service, checkpoint!.id)).toMatchObject({ ok: true, value: { mode: 'journal', changedCount: 3 } });

    expect((await rollbackToCheckpoint(service, checkpoint!.id)).ok).toBe(true);
    expect(sortById(await service.readStored('violations'))).toEqual(original);
    expect(sortById(service.store.getState().records.violations)).toEqual(original);
    const rollbackEntries = (await service.readJournalAfter(0)).filter((entry) => entry.action === '回滚到「调度会前」');
    expect(rollbackEntries.map((entry) => entry.recordId).sort()).toEqual(['v-1', 'v-2', 'v-3']);
    expect(new Set(rollbackEntries.map((entry) => entry.editId)).size).toBe(1);
    expect((await service.readRecordHistory('violations', 'v-1')).map((entry) => entry.action)).toEqual(['回滚到「调度会前」', '修改状态', '修改状态']);

    // The rollback made its own checkpoint: rolling back to it rolls forward again.
    const beforeRollback = (await service.listCheckpoints()).find((candidate) => candidate.name === '回滚前自动还原点')!;
    expect(beforeRollback.automatic).toBe(true);
    expect((await rollbackToCheckpoint(service, beforeRollback.id)).ok).toBe(true);
    expect(sortById(await service.readStored('violations'))).toEqual(edited);
    service.close();

    // A new session sees the same result.
    const reopened = createService(name);
    await reopened.opened;
    expect(sortById(reopened.store.getState().records.violations)).toEqual(edited);
    reopened.close();
  });

  it('rolls back a restore through the snapshot kept in its automatic checkpoint, and refuses older checkpoints across it', async () => {
    const service = createService();
    await service.opened;
    await createNamedCheckpoint(service, '恢复之前很早');
    await advanceViolationStatus(service, 'v-1', '处置中');
    const beforeRestore = await service.readEverything();
    const other = createService(uniqueName(), [createViolation('x-1')]);
    await other.opened;
    const checked = readBackup((await createBackup(other)).bytes);
    if (!checked.ok) throw new Error(checked.error);
    other.close();
    await restoreBackup(service, checked.value);
    expect(service.store.getState().records.violations.map((record) => record.id)).toEqual(['x-1']);

    const checkpoints = await service.listCheckpoints();
    const automatic = checkpoints.find((checkpoint) => checkpoint.name === '恢复备份前自动还原点')!;
    expect(automatic.hasSnapshot).toBe(true);
    const early = checkpoints.find((checkpoint) => checkpoint.name === '恢复之前很早')!;
    expect(await previewRollback(service, early.id)).toEqual({ ok: false, reason: expect.stringContaining('恢复备份') });
    expect(await previewRollback(service, automatic.id)).toMatchObject({ ok: true, value: { mode: 'snapshot', changedCount: 3 } });
    expect((await rollbackToCheckpoint(service, automatic.id)).ok).toBe(true);
    expect(await service.readEverything()).toEqual(beforeRestore);
    expect(sortById(service.store.getState().records.violations)).toEqual(sortById(beforeRestore.records['violations'] as Violation[]));
    service.close();
  });

  it('counts edits since the last backup download', async () => {
    const service = createService();
    await service.opened;
    expect(await service.backupStatus()).toEqual({ lastBackupAt: null, editsSince: 0 });
    await advanceViolationStatus(service, 'v-1', '处置中');
    expect(await service.backupStatus()).toEqual({ lastBackupAt: null, editsSince: 1 });
    await service.recordBackupExported();
    const { lastBackupAt, editsSince } = await service.backupStatus();
    expect(lastBackupAt).not.toBeNull();
    expect(editsSince).toBe(0);
    await advanceViolationStatus(service, 'v-2', '处置中');
    expect((await service.backupStatus()).editsSince).toBe(1);
    // An import journaled in several summary parts is one edit.
    const imported = Array.from({ length: JOURNAL_PART_IDS + 10 }, (_, index) => createViolation(`imp-${index}`));
    await service.saveRecords('violations', imported, [], '导入');
    expect((await service.readJournalAfter(0)).filter((entry) => entry.action === '导入').length).toBeGreaterThan(1);
    expect((await service.backupStatus()).editsSince).toBe(2);
    service.close();
  });
});

describe('a tab whose schema another tab upgrades', () => {
  it('stops writing, says why, and stores none of its later edits', async () => {
    const name = uniqueName();
    const service = createService(name);
    await service.opened;
    const newer = await openDB(name, SCHEMA_VERSION + 1, { upgrade() {} });
    expect(service.store.getState().save).toMatchObject({ state: 'failed', failure: { kind: 'version', message: expect.stringContaining('刷新') } });
    await expect(service.saveRecords('violations', [createViolation('v-1', '处置中')])).rejects.toThrow();
    expect(service.store.getState().save).toMatchObject({ state: 'failed', failure: { kind: 'version' } });
    expect(await newer.get('violations', 'v-1')).toEqual(createViolation('v-1'));
    expect(await newer.count('journal')).toBe(0);
    newer.close();
    service.close();
  });
});
