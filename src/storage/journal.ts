/**
 * The per-record edit journal as stored: one entry per record an edit changed (who, when, what,
 * the record before and after), written by `saveEdit` in the edit's own transaction, and read back
 * per record (history view) or after a checkpoint (rollback).
 *
 * Big edits (more than JOURNAL_DETAIL_LIMIT records of one kind, e.g. an import of 100,000
 * violations) are journaled as ONE summary entry per kind: the ids created, updated and deleted,
 * plus the before-states of the updated and deleted records (needed to roll back) when there are at
 * most SUMMARY_BEFORE_LIMIT of them; created records need no before-state (rolling back deletes
 * them). A summary without before-states (`before: null`), and a whole-project entry (restore from
 * a backup, `kind: null`), cannot be rolled back record by record.
 */
import type { IDBPTransaction } from 'idb';
import type { RecordKind } from '../domain/record-kinds';
import type { ProjectDatabase } from './database';
import type { StoredRecord } from './repository';
import { JOURNAL_STORE } from './schema';
import { StorageFailureError, classifyStorageError } from './storage-error';

/** Records of one kind changed by one edit beyond which the edit is journaled as a summary. */
export const JOURNAL_DETAIL_LIMIT = 200;
/** Before-states a summary entry keeps at most; beyond it the summary cannot be rolled back. */
export const SUMMARY_BEFORE_LIMIT = 5000;

export interface JournalSummary {
  createdIds: string[];
  updatedIds: string[];
  deletedIds: string[];
  /** Before-states of the updated and deleted records, or null when there were too many to keep. */
  before: StoredRecord[] | null;
}

/** One journal entry as written (the store assigns `seq`). */
export interface JournalEntryInput {
  /** ISO time of the edit. */
  at: string;
  /** Who made it (the 操作人 setting). */
  author: string;
  /** What the edit was, in the planners' words (修改状态, 绘制区块, 导入, 删除, 回滚 …). */
  action: string;
  /** Null for an entry about the whole project (restore from a backup). */
  kind: RecordKind | null;
  /** Null for summary and whole-project entries (they are not in the `record` index). */
  recordId: string | null;
  before: StoredRecord | null;
  after: StoredRecord | null;
  /** The same for every entry written by one edit. */
  editId: string;
  summary?: JournalSummary;
}

export interface JournalEntry extends JournalEntryInput {
  seq: number;
}

type JournalTransaction = IDBPTransaction<unknown, string[], 'readwrite'>;

/** Issues the adds of `entries` in `transaction` (IndexedDB requests only; errors surface from the transaction). */
export function addJournalEntries(transaction: JournalTransaction, entries: readonly JournalEntryInput[]): void {
  const store = transaction.objectStore(JOURNAL_STORE);
  for (const entry of entries) {
    // A record without a key path value is simply left out of the `record` index.
    const stored: Record<string, unknown> = { ...entry };
    if (entry.kind === null) delete stored['kind'];
    if (entry.recordId === null) delete stored['recordId'];
    store.add(stored).catch(() => undefined);
  }
}

function normalise(value: unknown): JournalEntry {
  const entry = value as Partial<JournalEntry>;
  return { ...(entry as JournalEntry), kind: entry.kind ?? null, recordId: entry.recordId ?? null };
}

/** The journal entries of one record, newest first. */
export async function readRecordJournal(database: ProjectDatabase, kind: RecordKind, recordId: string): Promise<JournalEntry[]> {
  try {
    const entries = await database.getAllFromIndex(JOURNAL_STORE, 'record', [kind, recordId]);
    return entries.map(normalise).sort((a, b) => b.seq - a.seq);
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/** The journal entries written after `seq`, oldest first. */
export async function readJournalAfter(database: ProjectDatabase, seq: number): Promise<JournalEntry[]> {
  try {
    return (await database.getAll(JOURNAL_STORE, IDBKeyRange.lowerBound(seq, true))).map(normalise);
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/** How many journal entries were written after the ISO time `since` (all of them when undefined). */
export async function countJournalSince(database: ProjectDatabase, since: string | undefined): Promise<number> {
  try {
    if (since === undefined) return await database.count(JOURNAL_STORE);
    return await database.countFromIndex(JOURNAL_STORE, 'at', IDBKeyRange.lowerBound(since, true));
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/** The sequence number of the newest journal entry, 0 when the journal is empty. */
export async function lastJournalSeq(database: ProjectDatabase): Promise<number> {
  const cursor = await database.transaction(JOURNAL_STORE).store.openKeyCursor(null, 'prev');
  return typeof cursor?.key === 'number' ? cursor.key : 0;
}
