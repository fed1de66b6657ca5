import { describe, expect, it } from 'vitest';
import { JOURNAL_DETAIL_LIMIT, SUMMARY_BEFORE_LIMIT } from '../storage/journal';
import type { StoredRecord } from '../storage/repository';
import { buildJournalEntries, deriveAction, type JournalContext } from './journal-entries';

const record = (id: string, status = '认定') => ({ id, properties: { status } }) as StoredRecord;

function contextWith(existing: StoredRecord[], action?: string): JournalContext {
  const byId = new Map(existing.map((entry) => [entry.id, entry]));
  return { at: '2026-11-21T01:00:00.000Z', author: '甲', action, editId: 'e-1', beforeOf: (_kind, id) => byId.get(id) ?? null };
}

describe('buildJournalEntries', () => {
  it('writes one entry per changed record with its before and after, skipping unchanged puts and unknown deletes', () => {
    const entries = buildJournalEntries(
      [{ kind: 'violations', put: [record('a', '处置中'), record('b'), record('c')], delete: ['d', 'missing'] }],
      contextWith([record('a'), record('b'), record('d')]),
    );
    expect(entries.map((entry) => [entry.recordId, entry.before, entry.after])).toEqual([
      ['d', record('d'), null],
      ['a', record('a'), record('a', '处置中')],
      ['c', null, record('c')],
    ]);
    expect(entries.every((entry) => entry.action === '修改' && entry.author === '甲' && entry.editId === 'e-1' && entry.kind === 'violations')).toBe(true);
  });

  it('derives 新建 / 删除 / 修改状态 when the command gave no label, and keeps a given label', () => {
    expect(buildJournalEntries([{ kind: 'zones', put: [record('z')] }], contextWith([]))[0]!.action).toBe('新建');
    expect(buildJournalEntries([{ kind: 'zones', put: [], delete: ['z'] }], contextWith([record('z')]))[0]!.action).toBe('删除');
    expect(buildJournalEntries([{ kind: 'violations', put: [record('v', '已拆除')] }], contextWith([record('v')]))[0]!.action).toBe('修改状态');
    expect(buildJournalEntries([{ kind: 'zones', put: [record('z')] }], contextWith([], '绘制区块'))[0]!.action).toBe('绘制区块');
    expect(deriveAction([])).toBe('修改');
  });

  it('summarises a big edit as one entry of ids, keeping before-states only while they are few', () => {
    const existing = [record('old-1'), record('old-2')];
    const put = [...Array.from({ length: JOURNAL_DETAIL_LIMIT }, (_, index) => record(`n-${index}`)), record('old-1', '处置中')];
    const [summary, ...rest] = buildJournalEntries([{ kind: 'violations', put, delete: ['old-2'] }], contextWith(existing, '导入'));
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({ action: '导入', recordId: null, before: null, after: null });
    expect(summary!.summary).toEqual({
      createdIds: put.slice(0, JOURNAL_DETAIL_LIMIT).map((entry) => entry.id), updatedIds: ['old-1'], deletedIds: ['old-2'], before: existing,
    });
    const many = Array.from({ length: SUMMARY_BEFORE_LIMIT + 1 }, (_, index) => record(`m-${index}`));
    const [overwrite] = buildJournalEntries([{ kind: 'violations', put: many.map((entry) => record(entry.id, '销号')) }], contextWith(many));
    expect(overwrite!.summary?.updatedIds).toHaveLength(many.length);
    expect(overwrite!.summary?.before).toBeNull();
  });
});
