/**
 * Reading and writing records. An edit is a list of puts and deletes per kind, written in one
 * readwrite transaction that does nothing but IndexedDB work, so it is all-or-nothing.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { IDBPTransaction } from 'idb';
import type { ProjectDatabase } from './database';
import { issueCheckpoint, type CheckpointInput } from './checkpoints';
import { addJournalEntries, type JournalEntryInput } from './journal';
import { CHECKPOINTS_STORE, JOURNAL_STORE, META_STORE } from './schema';
import { StorageFailureError, classifyStorageError } from './storage-error';

/** A stored record: anything JSON with a string id. */
export interface StoredRecord {
  id: string;
}

/** The changes of one edit to one kind. */
export interface KindChanges {
  kind: RecordKind;
  put?: readonly StoredRecord[];
  delete?: readonly string[];
}

/** Journal writes that go with an edit, in its transaction: its entries and a checkpoint made just before it. */
export interface JournalWrites {
  journal?: readonly JournalEntryInput[];
  /** A checkpoint marking the journal as it was before this edit (e.g. 导入前自动还原点). */
  checkpoint?: CheckpointInput;
  /** A snapshot of the whole project kept with the checkpoint (before a restore). */
  snapshot?: Uint8Array;
}

/** One user edit: changes to one or more kinds plus optional meta entries and journal writes, saved atomically. */
export interface Edit extends JournalWrites {
  changes: readonly KindChanges[];
  meta?: Readonly<Record<string, unknown>>;
}

export function journalStoresOf(writes: JournalWrites): string[] {
  const stores: string[] = [];
  if ((writes.journal?.length ?? 0) > 0 || writes.checkpoint) stores.push(JOURNAL_STORE);
  if (writes.checkpoint) stores.push(CHECKPOINTS_STORE);
  return stores;
}

/** Issues the journal writes (checkpoint first, so it sees the journal before this edit's entries). */
export function issueJournalWrites(transaction: WriteTransaction, writes: JournalWrites): void {
  if (writes.checkpoint) issueCheckpoint(transaction, writes.checkpoint, writes.snapshot);
  if (writes.journal?.length) addJournalEntries(transaction, writes.journal);
}

export async function readAll<T extends StoredRecord>(database: ProjectDatabase, kind: RecordKind): Promise<T[]> {
  try {
    return (await database.getAll(kind)) as T[];
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

export async function countRecords(database: ProjectDatabase, kind: RecordKind): Promise<number> {
  return database.count(kind);
}

export async function readMeta<T>(database: ProjectDatabase, key: string): Promise<T | undefined> {
  const entry = (await database.get(META_STORE, key)) as { key: string; value: T } | undefined;
  return entry?.value;
}

/**
 * Writes one edit in a single transaction and resolves when it has committed. Rejects with a
 * StorageFailureError (quota, aborted …) and then nothing of the edit is stored.
 */
/** A failed request fails its transaction; the error is reported once, from transaction.done. */
export function ignoreRequestError(): void {}

type WriteTransaction = IDBPTransaction<unknown, string[], 'readwrite'>;

/**
 * Runs `issueWrites` in one readwrite transaction over `storeNames` and resolves when it has
 * committed. The callback must only issue IndexedDB requests (awaiting anything else would end
 * the transaction). A request that throws synchronously (e.g. a record without an id) does not
 * abort the transaction by itself, so the requests already queued would commit: the transaction
 * is aborted explicitly, keeping every write all-or-nothing. Failures are StorageFailureErrors.
 */
export async function writeAtomically(database: ProjectDatabase, storeNames: readonly string[], issueWrites: (transaction: WriteTransaction) => void): Promise<void> {
  let transaction: WriteTransaction;
  try {
    transaction = database.transaction([...storeNames], 'readwrite', { durability: 'strict' });
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
  try {
    issueWrites(transaction);
  } catch (error) {
    transaction.abort();
    await transaction.done.catch(() => undefined);
    throw new StorageFailureError(classifyStorageError(error));
  }
  try {
    await transaction.done;
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(transaction.error ?? error));
  }
}

export async function saveEdit(database: ProjectDatabase, edit: Edit): Promise<void> {
  const storeNames = [...new Set<string>(edit.changes.map((change) => change.kind))];
  if (edit.meta) storeNames.push(META_STORE);
  storeNames.push(...journalStoresOf(edit));
  if (storeNames.length === 0) return;
  await writeAtomically(database, storeNames, (transaction) => {
    issueJournalWrites(transaction, edit);
    for (const change of edit.changes) {
      const store = transaction.objectStore(change.kind);
      for (const id of change.delete ?? []) store.delete(id).catch(ignoreRequestError);
      for (const record of change.put ?? []) store.put(record).catch(ignoreRequestError);
    }
    if (edit.meta) {
      const metaStore = transaction.objectStore(META_STORE);
      for (const [key, value] of Object.entries(edit.meta)) metaStore.put({ key, value }).catch(ignoreRequestError);
    }
  });
}

/** The stored records with these ids (missing ids are left out), read in one transaction. */
export async function readByIds<T extends StoredRecord>(database: ProjectDatabase, kind: RecordKind, ids: readonly string[]): Promise<T[]> {
  try {
    const transaction = database.transaction(kind, 'readonly');
    const found = await Promise.all(ids.map((id) => transaction.store.get(id)));
    await transaction.done;
    return found.filter((record): record is T => record !== undefined);
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/** Every record of every store, and every meta entry, read in one transaction (a consistent copy). */
export async function readEverything(database: ProjectDatabase, kinds: readonly RecordKind[]): Promise<{ records: Record<string, StoredRecord[]>; meta: Record<string, unknown> }> {
  try {
    const transaction = database.transaction([...kinds, META_STORE], 'readonly');
    const lists = await Promise.all(kinds.map((kind) => transaction.objectStore(kind).getAll()));
    const metaEntries = (await transaction.objectStore(META_STORE).getAll()) as { key: string; value: unknown }[];
    await transaction.done;
    return {
      records: Object.fromEntries(kinds.map((kind, index) => [kind, lists[index] as StoredRecord[]])),
      meta: Object.fromEntries(metaEntries.map((entry) => [entry.key, entry.value])),
    };
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/**
 * Replaces the whole project — every listed store and the meta store are cleared and refilled —
 * in one transaction: after a failure the old project is still there, untouched.
 */
export async function replaceEverything(database: ProjectDatabase, records: Readonly<Record<string, readonly StoredRecord[]>>, meta: Readonly<Record<string, unknown>>, kinds: readonly RecordKind[], writes: JournalWrites = {}): Promise<void> {
  await writeAtomically(database, [...kinds, META_STORE, ...journalStoresOf(writes)], (transaction) => {
    issueJournalWrites(transaction, writes);
    for (const kind of kinds) {
      const store = transaction.objectStore(kind);
      store.clear().catch(ignoreRequestError);
      for (const record of records[kind] ?? []) store.put(record).catch(ignoreRequestError);
    }
    const metaStore = transaction.objectStore(META_STORE);
    metaStore.clear().catch(ignoreRequestError);
    for (const [key, value] of Object.entries(meta)) metaStore.put({ key, value }).catch(ignoreRequestError);
  });
}
