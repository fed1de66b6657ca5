import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../storage/journal';
import { describeJournalEntry } from './journal-diff';

const square = (size: number) => ({ type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4 + size, 27.5], [120.4 + size, 27.5 + size], [120.4, 27.5 + size], [120.4, 27.5]]] });
const violation = (status: string, size = 0.001) => ({ id: 'v-1', type: 'Feature', geometry: square(size), properties: { code: 'WJ-1', status, statusDates: { 发现: '2026-02-01' } } });
const entry = (before: object | null, after: object | null): JournalEntry => ({
  seq: 1, at: '2026-11-21T01:00:00.000Z', author: '甲', action: '修改状态', kind: 'violations', recordId: 'v-1',
  before: before as JournalEntry['before'], after: after as JournalEntry['after'], editId: 'e',
});

describe('describeJournalEntry', () => {
  it('lists the changed attributes with their labels, before → after, as text', () => {
    const after = violation('处置中');
    after.properties.statusDates = { 发现: '2026-02-01', 处置中: '2026-11-21' } as never;
    expect(describeJournalEntry(entry(violation('认定'), after))).toEqual({
      lifecycle: null,
      changes: [
        { label: '状态', before: '认定', after: '处置中' },
        { label: '状态日期', before: '发现 2026-02-01', after: '发现 2026-02-01；处置中 2026-11-21' },
      ],
    });
  });

  it('describes a geometry change by vertices and area, and created / deleted records in one line', () => {
    const { changes } = describeJournalEntry(entry(violation('认定'), violation('认定', 0.002)));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.label).toBe('图形');
    expect(changes[0]!.before).toMatch(/^4 个顶点，面积 [\d,]+ m²/);
    expect(changes[0]!.before).not.toBe(changes[0]!.after);
    expect(describeJournalEntry(entry(null, violation('发现')))).toEqual({ lifecycle: '新建记录', changes: [] });
    expect(describeJournalEntry(entry(violation('发现'), null))).toEqual({ lifecycle: '删除记录', changes: [] });
  });
});
