import { afterEach, describe, expect, it, vi } from 'vitest';
import { JOURNAL_BEFORE_WEIGHT, JOURNAL_DETAIL_LIMIT, JOURNAL_PART_IDS, SUMMARY_BEFORE_LIMIT, type JournalEntryInput, type JournalSummary } from '../storage/journal';
import type { StoredRecord } from '../storage/repository';
import { JOURNAL_SLICE_BUDGET_MS, JOURNAL_SLICE_LOOKUPS, buildJournalEntries, buildJournalEntriesInSlices, deriveAction, splitSummary, type JournalChange, type JournalContext } from './journal-entries';

const record = (id: string, status = '认定') => ({ id, properties: { status } }) as StoredRecord;

/** The ids of summary parts joined back, in entry order. */
function joined(entries: readonly JournalEntryInput[]): JournalSummary {
  const summaries = entries.map((entry) => entry.summary!);
  return {
    createdIds: summaries.flatMap((summary) => summary.createdIds),
    updatedIds: summaries.flatMap((summary) => summary.updatedIds),
    deletedIds: summaries.flatMap((summary) => summary.deletedIds),
    before: summaries.some((summary) => summary.before === null) ? null : summaries.flatMap((summary) => summary.before!),
  };
}

/** What a part weighs: its ids, an id with a before-state counting JOURNAL_BEFORE_WEIGHT. */
const weightOf = (part: JournalSummary, beforeWeight = JOURNAL_BEFORE_WEIGHT) => part.createdIds.length + (part.updatedIds.length + part.deletedIds.length) * (part.before === null ? 1 : beforeWeight);

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
    const overwrite = buildJournalEntries([{ kind: 'violations', put: many.map((entry) => record(entry.id, '销号')) }], contextWith(many));
    expect(overwrite.length).toBe(Math.ceil(many.length / JOURNAL_PART_IDS));
    expect(joined(overwrite).updatedIds).toEqual(many.map((entry) => entry.id));
    expect(overwrite.every((entry) => entry.summary?.before === null)).toBe(true);
  });

  it('journals an import of more than JOURNAL_PART_IDS records as parts of the same edit, in put order', () => {
    const put = Array.from({ length: 3 * JOURNAL_PART_IDS + 7 }, (_, index) => record(`imp-${index}`));
    const entries = buildJournalEntries([{ kind: 'violations', put }, { kind: 'zones', put: [record('z')] }], contextWith([], '导入'));
    const parts = entries.filter((entry) => entry.kind === 'violations');
    expect(parts).toHaveLength(4);
    expect(parts.map((entry) => entry.summary!.createdIds.length)).toEqual([JOURNAL_PART_IDS, JOURNAL_PART_IDS, JOURNAL_PART_IDS, 7]);
    expect(joined(parts)).toEqual({ createdIds: put.map((entry) => entry.id), updatedIds: [], deletedIds: [], before: [] });
    for (const part of parts) expect(part).toMatchObject({ action: '导入', editId: 'e-1', at: '2026-11-21T01:00:00.000Z', author: '甲', recordId: null, before: null, after: null });
    expect(entries.at(-1)).toMatchObject({ kind: 'zones', recordId: 'z' });
  });

  it('splits a big edit of updates, deletes and creates so that each before-state is in the part of its id', () => {
    const existing = Array.from({ length: 300 }, (_, index) => record(`old-${index}`));
    const fresh = Array.from({ length: JOURNAL_PART_IDS + 100 }, (_, index) => record(`new-${index}`));
    const put = [...fresh.slice(0, 10), ...existing.slice(0, 200).map((entry) => record(entry.id, '处置中')), ...fresh.slice(10)];
    const deleted = existing.slice(200).map((entry) => entry.id);
    const entries = buildJournalEntries([{ kind: 'violations', put, delete: deleted }], contextWith(existing));
    expect(entries.length).toBeGreaterThan(2);
    expect(new Set(entries.map((entry) => entry.action))).toEqual(new Set(['修改']));
    expect(joined(entries)).toEqual({
      createdIds: fresh.map((entry) => entry.id), updatedIds: existing.slice(0, 200).map((entry) => entry.id), deletedIds: deleted, before: existing,
    });
    for (const { summary } of entries) {
      expect(weightOf(summary!)).toBeLessThanOrEqual(JOURNAL_PART_IDS);
      expect(summary!.before!.map((entry) => entry.id)).toEqual([...summary!.updatedIds, ...summary!.deletedIds]);
    }
  });

  it('sorts the ids of a big edit into created and updated in put order wherever the existing records are, and ignores deletes of put ids', () => {
    const existing = [record('old-a'), record('old-b'), record('old-c')];
    const fresh = Array.from({ length: JOURNAL_DETAIL_LIMIT + 10 }, (_, index) => record(`new-${index}`));
    const put = [record('old-b', '处置中'), ...fresh.slice(0, 50), record('old-a', '已拆除'), ...fresh.slice(50)];
    const existingIds = new Set(existing.map((entry) => entry.id));
    const [summary] = buildJournalEntries([{ kind: 'violations', put, delete: ['new-3', 'old-c', 'never'] }], contextWith(existing));
    expect(summary!.summary).toEqual({
      createdIds: put.map((entry) => entry.id).filter((id) => !existingIds.has(id)),
      updatedIds: ['old-b', 'old-a'],
      deletedIds: ['old-c'],
      before: [record('old-b'), record('old-a'), record('old-c')],
    });
    expect(summary!.action).toBe('修改');
  });

  it('journals an import of only new records as created ids, with a lookup of each id and no before-states', () => {
    const put = Array.from({ length: 3 * JOURNAL_DETAIL_LIMIT }, (_, index) => record(`imp-${index}`));
    const looked: string[] = [];
    const context = { ...contextWith([record('kept')], '导入'), beforeOf: (_kind: string, id: string) => (looked.push(id), null) };
    const [summary, ...rest] = buildJournalEntries([{ kind: 'violations', put }], context);
    expect(rest).toEqual([]);
    expect(summary!.summary).toEqual({ createdIds: put.map((entry) => entry.id), updatedIds: [], deletedIds: [], before: [] });
    expect(looked).toEqual(put.map((entry) => entry.id));
    expect(summary!.action).toBe('导入');
  });
});

describe('buildJournalEntriesInSlices', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('builds the same entries as in one go, for small and big edits, with and without deletes', async () => {
    const existing = [record('old-a'), record('old-b'), record('old-c')];
    const fresh = Array.from({ length: 3 * JOURNAL_SLICE_LOOKUPS }, (_, index) => record(`new-${index}`));
    const edits: JournalChange[][] = [
      [{ kind: 'violations', put: [record('old-a', '处置中'), record('x')], delete: ['old-c'] }],
      [{ kind: 'violations', put: fresh }],
      [{ kind: 'violations', put: [...fresh.slice(0, 100), record('old-b', '已拆除'), ...fresh.slice(100)], delete: ['new-7', 'old-a', 'never'] }, { kind: 'zones', put: [record('z')] }],
    ];
    for (const changes of edits) {
      const sliced = await buildJournalEntriesInSlices(changes, contextWith(existing, undefined));
      expect(sliced).toEqual(buildJournalEntries(changes, contextWith(existing, undefined)));
    }
  });

  it('yields to a later task at the first clock check past its budget', async () => {
    const put = Array.from({ length: 10 * JOURNAL_SLICE_LOOKUPS + 7 }, (_, index) => record(`imp-${index}`));
    let lookups = 0;
    // Each lookup "takes" 3 µs of main-thread time.
    const perLookup = 0.003;
    vi.spyOn(performance, 'now').mockImplementation(() => lookups * perLookup);
    const context = { ...contextWith([], '导入'), beforeOf: () => (lookups += 1, null) };
    const lookupsAtYields: number[] = [];
    const entries = await buildJournalEntriesInSlices([{ kind: 'violations', put }], context, async () => {
      lookupsAtYields.push(lookups);
    });
    expect(joined(entries).createdIds).toEqual(put.map((entry) => entry.id));
    const stepsPerSlice = Math.floor(JOURNAL_SLICE_BUDGET_MS / (JOURNAL_SLICE_LOOKUPS * perLookup)) + 1;
    const perSlice = stepsPerSlice * JOURNAL_SLICE_LOOKUPS;
    expect(perSlice).toBeLessThan(put.length);
    expect(lookupsAtYields).toEqual(Array.from({ length: Math.floor((put.length - 1) / perSlice) }, (_, index) => (index + 1) * perSlice));
  });
});

describe('splitSummary', () => {
  const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

  it('keeps a summary that fits as it is, and an empty one as one part', () => {
    const small: JournalSummary = { createdIds: ids('c', 3), updatedIds: ['u'], deletedIds: [], before: [record('u')] };
    expect(splitSummary(small, 100, 10)).toEqual([small]);
    const empty: JournalSummary = { createdIds: [], updatedIds: [], deletedIds: [], before: [] };
    expect(splitSummary(empty, 100, 10)).toEqual([empty]);
  });

  it('fills parts up to the limit, an id with a before-state weighing more, each before-state next to its id', () => {
    const updated = ids('u', 7);
    const deleted = ids('d', 4);
    const summary: JournalSummary = { createdIds: ids('c', 25), updatedIds: updated, deletedIds: deleted, before: [...updated, ...deleted].map((id) => record(id)) };
    const parts = splitSummary(summary, 10, 3);
    // 25 created: 10, 10, 5 + one changed id (3 more; a second would make 11); then 3 changed ids a part.
    expect(parts.map((part) => [part.createdIds.length, part.updatedIds.length, part.deletedIds.length])).toEqual([
      [10, 0, 0], [10, 0, 0], [5, 1, 0], [0, 3, 0], [0, 3, 0], [0, 0, 3], [0, 0, 1],
    ]);
    for (const part of parts) {
      expect(weightOf(part, 3)).toBeLessThanOrEqual(10);
      expect(part.before!.map((entry) => entry.id)).toEqual([...part.updatedIds, ...part.deletedIds]);
    }
    expect(joined(parts.map((part) => ({ summary: part }) as JournalEntryInput))).toEqual(summary);
  });

  it('counts every id once and keeps before: null in every part when the summary kept no before-states', () => {
    const summary: JournalSummary = { createdIds: ids('c', 4), updatedIds: ids('u', 9), deletedIds: ids('d', 8), before: null };
    const parts = splitSummary(summary, 10, 3);
    expect(parts.map((part) => part.createdIds.length + part.updatedIds.length + part.deletedIds.length)).toEqual([10, 10, 1]);
    expect(parts.every((part) => part.before === null)).toBe(true);
    expect(joined(parts.map((part) => ({ summary: part }) as JournalEntryInput))).toEqual(summary);
  });
});
