import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../storage/journal';
import type { StoredRecord } from '../storage/repository';
import { planRollback } from './checkpoint-rollback';
import { splitSummary } from './journal-entries';

const record = (id: string, value: number) => ({ id, value }) as StoredRecord;
let seq = 0;
function entry(recordId: string, before: StoredRecord | null, after: StoredRecord | null, extra: Partial<JournalEntry> = {}): JournalEntry {
  seq += 1;
  return { seq, at: '2026-11-21T01:00:00.000Z', author: '甲', action: '修改', kind: 'zones', recordId, before, after, editId: `e-${seq}`, ...extra };
}
const lookup = (records: StoredRecord[]) => (_kind: string, id: string) => records.find((candidate) => candidate.id === id) ?? null;

describe('planRollback', () => {
  it('restores each record to its state before the first entry, deleting what was created and re-creating what was deleted', () => {
    const entries = [
      entry('a', record('a', 1), record('a', 2)),
      entry('a', record('a', 2), record('a', 3)),
      entry('b', null, record('b', 1)),
      entry('c', record('c', 1), null),
      entry('d', record('d', 1), record('d', 2)),
      entry('d', record('d', 2), record('d', 1)),
    ];
    const plan = planRollback(entries, lookup([record('a', 3), record('b', 1), record('d', 1)]));
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.changes.map((change) => ({ ...change, put: [...change.put].sort((x, y) => x.id.localeCompare(y.id)) })))
      .toEqual([{ kind: 'zones', put: [record('a', 1), record('c', 1)], delete: ['b'] }]);
    expect([plan.entryCount, plan.changedCount]).toEqual([6, 3]);
  });

  it('undoes a summary through its ids and before-states', () => {
    const summary = entry('x', null, null, { recordId: null, summary: { createdIds: ['n-1', 'n-2'], updatedIds: ['a'], deletedIds: [], before: [record('a', 1)] } });
    const plan = planRollback([summary], lookup([record('a', 9), record('n-1', 1), record('n-2', 1)]));
    expect(plan).toMatchObject({ ok: true, changedCount: 3, changes: [{ kind: 'zones', put: [record('a', 1)], delete: ['n-1', 'n-2'] }] });
  });

  it('refuses across a whole-project replacement or a summary without before-states', () => {
    expect(planRollback([entry('a', null, null, { kind: null, recordId: null, action: '恢复备份' })], lookup([]))).toEqual({ ok: false, reason: expect.stringContaining('恢复备份') });
    const blind = entry('x', null, null, { recordId: null, action: '导入', summary: { createdIds: [], updatedIds: ['a'], deletedIds: [], before: null } });
    expect(planRollback([blind], lookup([]))).toEqual({ ok: false, reason: expect.stringContaining('导入') });
  });

  it('undoes a summary split into parts exactly as the whole summary, in whatever order the parts come, also under later edits', () => {
    const created = Array.from({ length: 40 }, (_, index) => `n-${index}`);
    const updated = ['u-1', 'u-2', 'u-3'];
    const deleted = ['d-1', 'd-2'];
    const before = [...updated, ...deleted].map((id) => record(id, 1));
    const whole = { createdIds: created, updatedIds: updated, deletedIds: deleted, before };
    const parts = splitSummary(whole, 8, 3);
    expect(parts.length).toBeGreaterThan(3);
    const asEntries = (summaries: typeof parts) => summaries.map((summary) => entry('x', null, null, { recordId: null, editId: 'big', summary }));
    // After the big edit: an imported record and an updated one are edited again, a created one deleted.
    const later = () => [entry('n-3', record('n-3', 1), record('n-3', 2)), entry('u-2', record('u-2', 2), record('u-2', 5)), entry('n-7', record('n-7', 1), null)];
    const current = [...created.filter((id) => id !== 'n-7').map((id) => record(id, id === 'n-3' ? 2 : 1)), record('u-1', 2), record('u-2', 5), record('u-3', 2)];
    const sorted = (plan: ReturnType<typeof planRollback>) => {
      if (!plan.ok) throw new Error(plan.reason);
      return plan.changes.map((change) => ({ ...change, put: [...change.put].sort((x, y) => x.id.localeCompare(y.id)), delete: [...change.delete].sort() }));
    };
    const expected = sorted(planRollback([...asEntries([whole]), ...later()], lookup(current)));
    expect(expected).toEqual([{ kind: 'zones', put: [...before].sort((x, y) => x.id.localeCompare(y.id)), delete: created.filter((id) => id !== 'n-7').sort() }]);
    expect(sorted(planRollback([...asEntries(parts), ...later()], lookup(current)))).toEqual(expected);
    expect(sorted(planRollback([...asEntries([...parts].reverse()), ...later()], lookup(current)))).toEqual(expected);
    const blind = splitSummary({ ...whole, before: null }, 8, 3).map((summary) => entry('x', null, null, { recordId: null, action: '导入', summary }));
    expect(planRollback(blind, lookup(current))).toEqual({ ok: false, reason: expect.stringContaining('导入') });
  });
});
