/**
 * The per-record edit journal as stored: one entry per record an edit changed (who, when, what,
 * the record before and after), written by `saveEdit` in the edit's own transaction, and read back
 * per record (history view) or after a checkpoint (rollback).
 *
 * Big edits (more than JOURNAL_DETAIL_LIMIT records of one kind, e.g. an import of 100,000
 * violations) are journaled as summary entries of ids instead: the ids created, updated and
 * deleted, plus the before-states of the updated and deleted records (needed to roll back) when the
 * kind's change has at most SUMMARY_BEFORE_LIMIT of them; created records need no before-state
 * (rolling back deletes them). The summary of a kind's change is split into parts — entries of
 * their own, with the same editId, action, time and author, written one after another — each
 * holding at most JOURNAL_PART_IDS ids (an id with a before-state counts JOURNAL_BEFORE_WEIGHT
 * times), so that storing one never holds the main thread for more than a few ms (IndexedDB
 * clones an entry synchronously). A before-state is in the part that holds its id; when the change
 * kept no before-states every part has `before: null`. The parts of one change hold disjoint ids,
 * so undoing them one by one undoes the change. A summary without before-states, and a
 * whole-project entry (restore from a backup, `kind: null`), cannot be rolled back record by record.
 */
import type { IDBPTransaction } from 'idb';
import type { RecordKind } from '../domain/record-kinds';
import type { ProjectDatabase } from './database';
import type { StoredRecord } from './repository';
import { JOURNAL_STORE } from './schema';
import { StorageFailureError, classifyStorageError } from './storage-error';

/** Records of one kind changed by one edit beyond which the edit is journaled as a summary. */
export const JOURNAL_DETAIL_LIMIT = 200;
/** Before-states the summary of one kind's change keeps at most; beyond it the summary cannot be rolled back. */
export const SUMMARY_BEFORE_LIMIT = 5000;
/**
 * Ids one summary part holds at most. Measured in headless Chromium (the `add` call, which clones
 * synchronously): 5,000 ids 0.6 ms, 20,000 ids 2.3 ms, 100,000 ids 12 ms (60 ms inside one import
 * task under a Chrome trace), so a part stays far below 5 ms even on a loaded machine.
 */
export const JOURNAL_PART_IDS = 5000;
/**
 * What an id with a before-state counts towards JOURNAL_PART_IDS: a violation clones in ~10 µs
 * (100 of the sample county's in 1.1 ms), some 50–80 ids' worth; so a part holds at most 100 of them.
 */
export const JOURNAL_BEFORE_WEIGHT = 50;
/**
 * Journal entries of one edit written as direct requests in the caller's task at most: beyond it
 * (or with more than one summary part) they are issued in slices like the records (see WriteQueue).
 * A detail entry clones two records (~20 µs for violations, several times that for big polygons),
 * so 64 of them take a few ms at most.
 */
export const JOURNAL_DIRECT_ENTRIES = 64;

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

/**
 * An entry as it is stored: without `kind` / `recordId` when they are null (a record without a key
 * path value is simply left out of the `record` index, whereas a null would be refused).
 */
export function storedJournalEntry(entry: JournalEntryInput): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...entry };
  if (entry.kind === null) delete stored['kind'];
  if (entry.recordId === null) delete stored['recordId'];
  return stored;
}

/**
 * Whether the entries of an edit are too many to add in the caller's task: more than
 * JOURNAL_DIRECT_ENTRIES, or more than one summary part (a big edit).
 */
export function isBigJournal(entries: readonly JournalEntryInput[]): boolean {
  if (entries.length > JOURNAL_DIRECT_ENTRIES) return true;
  let summaries = 0;
  for (const entry of entries) if (entry.summary && (summaries += 1) > 1) return true;
  return false;
}

/** Issues the adds of `entries` in `transaction` (IndexedDB requests only; errors surface from the transaction). */
export function addJournalEntries(transaction: JournalTransaction, entries: readonly JournalEntryInput[]): void {
  const store = transaction.objectStore(JOURNAL_STORE);
  for (const entry of entries) store.add(storedJournalEntry(entry)).catch(() => undefined);
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

/**
 * How many edits were journaled after the ISO time `since` (all of them when undefined): the
 * distinct times of the entries, since every entry of one edit — one per record, or the parts of
 * a big edit's summary — carries the edit's time (a 100,000-record import is one edit, not 20).
 */
export async function countEditsSince(database: ProjectDatabase, since: string | undefined): Promise<number> {
  try {
    const index = database.transaction(JOURNAL_STORE).store.index('at');
    let count = 0;
    for (let cursor = await index.openKeyCursor(since === undefined ? null : IDBKeyRange.lowerBound(since, true), 'nextunique'); cursor; cursor = await cursor.continue()) count += 1;
    return count;
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/** The sequence number of the newest journal entry, 0 when the journal is empty. */
export async function lastJournalSeq(database: ProjectDatabase): Promise<number> {
  const cursor = await database.transaction(JOURNAL_STORE).store.openKeyCursor(null, 'prev');
  return typeof cursor?.key === 'number' ? cursor.key : 0;
}
