/**
 * Plans a rollback to a checkpoint: the journal entries written after it are undone newest first,
 * each putting back its record's before-state (or deleting a record the entry created), and the
 * result is compared with the current records, so the plan says exactly which records change.
 * Pure; refuses when an entry cannot be undone record by record (a restore from a backup, or a
 * summary of a big edit that kept no before-states). Each entry is undone on its own, so a big
 * edit journaled as several summary parts (disjoint ids, see storage/journal.ts) is undone exactly
 * as one summary of all its ids would be, in whatever order its parts come.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { JournalEntry } from '../storage/journal';
import type { StoredRecord } from '../storage/repository';

export interface RollbackChange {
  kind: RecordKind;
  put: StoredRecord[];
  delete: string[];
}

export type RollbackPlan =
  | { ok: true; changes: RollbackChange[]; changedCount: number; entryCount: number }
  | { ok: false; reason: string };

const sameRecord = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}

/** Each (kind, id) the entries touch, with the state the rollback gives it (null: deleted). */
function restoredStates(entries: readonly JournalEntry[]): Map<RecordKind, Map<string, StoredRecord | null>> | string {
  const states = new Map<RecordKind, Map<string, StoredRecord | null>>();
  const statesOf = (kind: RecordKind) => {
    let map = states.get(kind);
    if (!map) states.set(kind, (map = new Map()));
    return map;
  };
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  for (const entry of newestFirst) {
    if (entry.kind === null) return `${formatTime(entry.at)} 的「${entry.action}」替换了整个项目，无法逐条回滚（请用该操作前的备份文件恢复）`;
    const map = statesOf(entry.kind);
    if (entry.summary) {
      if (entry.summary.before === null) return `${formatTime(entry.at)} 的「${entry.action}」改动记录过多，未保存改动前的数据，无法回滚到更早的还原点`;
      for (const id of entry.summary.createdIds) map.set(id, null);
      for (const record of entry.summary.before) map.set(record.id, record);
    } else if (entry.recordId !== null) {
      map.set(entry.recordId, entry.before);
    }
  }
  return states;
}

/**
 * The rollback that undoes `entries` (the journal after the checkpoint), given the current
 * records (`currentOf`); records already in their restored state are left out.
 */
export function planRollback(entries: readonly JournalEntry[], currentOf: (kind: RecordKind, id: string) => StoredRecord | null): RollbackPlan {
  const states = restoredStates(entries);
  if (typeof states === 'string') return { ok: false, reason: states };
  const changes: RollbackChange[] = [];
  let changedCount = 0;
  for (const [kind, map] of states) {
    const change: RollbackChange = { kind, put: [], delete: [] };
    for (const [id, restored] of map) {
      const current = currentOf(kind, id);
      if (restored === null) {
        if (current !== null) change.delete.push(id);
      } else if (!sameRecord(current, restored)) change.put.push(restored);
    }
    if (change.put.length + change.delete.length > 0) {
      changes.push(change);
      changedCount += change.put.length + change.delete.length;
    }
  }
  return { ok: true, changes, changedCount, entryCount: entries.length };
}
