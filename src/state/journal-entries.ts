/**
 * Turns one edit (puts and deletes per kind) and the records the state layer held before it into
 * the journal entries written in the edit's transaction: one entry per changed record, or one
 * summary entry per kind when the edit changes more than JOURNAL_DETAIL_LIMIT records of it (see
 * storage/journal.ts). Pure; the before-states come from memory, never from an extra read.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { StoredRecord } from '../storage/repository';
import { JOURNAL_DETAIL_LIMIT, SUMMARY_BEFORE_LIMIT, type JournalEntryInput } from '../storage/journal';

/** Action labels the journal uses itself. */
export const JOURNAL_ACTIONS = {
  create: '新建',
  update: '修改',
  delete: '删除',
  status: '修改状态',
  import: '导入',
  restore: '恢复备份',
  rollback: '回滚',
} as const;

export interface JournalChange {
  kind: RecordKind;
  put: readonly StoredRecord[];
  delete?: readonly string[];
}

export interface JournalContext {
  at: string;
  author: string;
  /** The command's label; derived from the changes when missing. */
  action?: string | undefined;
  editId: string;
  /** The record of `kind` with `id` as the state layer holds it before the edit, or null. */
  beforeOf(kind: RecordKind, id: string): StoredRecord | null;
}

const sameRecord = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function statusOf(record: StoredRecord | null): unknown {
  return (record as { properties?: { status?: unknown } } | null)?.properties?.status;
}

/** The label of an edit that came without one: 新建 / 删除 / 修改状态 / 修改. */
export function deriveAction(entries: readonly Pick<JournalEntryInput, 'before' | 'after' | 'summary'>[]): string {
  if (entries.length === 0) return JOURNAL_ACTIONS.update;
  if (entries.every((entry) => entry.summary ? entry.summary.updatedIds.length + entry.summary.deletedIds.length === 0 : entry.before === null)) return JOURNAL_ACTIONS.create;
  if (entries.every((entry) => entry.summary ? entry.summary.createdIds.length + entry.summary.updatedIds.length === 0 : entry.after === null)) return JOURNAL_ACTIONS.delete;
  if (entries.every((entry) => !entry.summary && entry.before && entry.after && statusOf(entry.before) !== statusOf(entry.after))) return JOURNAL_ACTIONS.status;
  return JOURNAL_ACTIONS.update;
}

function summaryEntry(change: JournalChange, context: JournalContext): Omit<JournalEntryInput, 'action'> {
  const putIds = new Set(change.put.map((record) => record.id));
  const createdIds: string[] = [];
  const updatedIds: string[] = [];
  const before: StoredRecord[] = [];
  for (const record of change.put) {
    const previous = context.beforeOf(change.kind, record.id);
    if (previous) {
      updatedIds.push(record.id);
      before.push(previous);
    } else createdIds.push(record.id);
  }
  const deletedIds: string[] = [];
  for (const id of change.delete ?? []) {
    if (putIds.has(id)) continue;
    const previous = context.beforeOf(change.kind, id);
    if (!previous) continue;
    deletedIds.push(id);
    before.push(previous);
  }
  return {
    at: context.at, author: context.author, editId: context.editId, kind: change.kind, recordId: null, before: null, after: null,
    summary: { createdIds, updatedIds, deletedIds, before: before.length <= SUMMARY_BEFORE_LIMIT ? before : null },
  };
}

function detailEntries(change: JournalChange, context: JournalContext): Omit<JournalEntryInput, 'action'>[] {
  const entries: Omit<JournalEntryInput, 'action'>[] = [];
  const base = { at: context.at, author: context.author, editId: context.editId, kind: change.kind };
  const putIds = new Set(change.put.map((record) => record.id));
  for (const id of change.delete ?? []) {
    const before = putIds.has(id) ? null : context.beforeOf(change.kind, id);
    if (before) entries.push({ ...base, recordId: id, before, after: null });
  }
  for (const record of change.put) {
    const before = context.beforeOf(change.kind, record.id);
    if (!sameRecord(before, record)) entries.push({ ...base, recordId: record.id, before, after: record });
  }
  return entries;
}

/** The journal entries of one edit (empty when it changes nothing). */
export function buildJournalEntries(changes: readonly JournalChange[], context: JournalContext): JournalEntryInput[] {
  const entries = changes.flatMap((change) =>
    change.put.length + (change.delete?.length ?? 0) > JOURNAL_DETAIL_LIMIT ? [summaryEntry(change, context)] : detailEntries(change, context));
  const action = context.action ?? deriveAction(entries);
  return entries.map((entry) => ({ ...entry, action }));
}

/** Whether an edit is journaled as a summary (a big edit: it gets an automatic checkpoint first). */
export function isSummarised(entries: readonly JournalEntryInput[]): boolean {
  return entries.some((entry) => entry.summary !== undefined);
}

/** A fresh id shared by the entries of one edit. */
export function createEditId(now: number, random = Math.random()): string {
  return `edit-${now.toString(36)}-${Math.floor(random * 36 ** 6).toString(36)}`;
}
