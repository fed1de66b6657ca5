/**
 * Reading and writing records. An edit is a list of puts and deletes per kind, written in one
 * readwrite transaction that does nothing but IndexedDB work, so it is all-or-nothing.
 */
import type { RecordKind } from '../domain/record-kinds';
import { unwrap, type IDBPTransaction } from 'idb';
import type { ProjectDatabase } from './database';
import { issueCheckpoint, type CheckpointInput } from './checkpoints';
import { addJournalEntries, isBigJournal, storedJournalEntry, type JournalEntryInput } from './journal';
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

/**
 * Issues the journal writes: the checkpoint first, as a direct request (so its read of the newest
 * journal key sees the journal before this edit's entries), then the entries in their order (so
 * their seqs follow it) — as direct adds for a small edit, or queued first in `queue` for a big one
 * (see isBigJournal), so that cloning them is sliced like the records (call this before queueing
 * anything else).
 */
export function issueJournalWrites(transaction: WriteTransaction, queue: WriteQueue, writes: JournalWrites): void {
  if (writes.checkpoint) issueCheckpoint(transaction, writes.checkpoint, writes.snapshot);
  const journal = writes.journal ?? [];
  if (journal.length === 0) return;
  if (isBigJournal(journal)) queue.add(JOURNAL_STORE, journal.map(storedJournalEntry), { large: true });
  else addJournalEntries(transaction, journal);
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

/** A failed request fails its transaction; the error is reported once, from transaction.done. */
export function ignoreRequestError(): void {}

type WriteTransaction = IDBPTransaction<unknown, string[], 'readwrite'>;

/** Requests issued in one go at most: beyond it the rest waits for the success of the slice's last request. */
export const WRITE_SLICE_REQUESTS = 1000;
/**
 * Main-thread time a slice may take (checked every WRITE_SLICE_CHECK requests) before the rest
 * waits: short, so that a garbage collection landing in a slice (60–80 ms while an import's records
 * settle) still leaves the task under 100 ms.
 */
export const WRITE_SLICE_BUDGET_MS = 12;
/** Requests on one object store between two progress reports of a write that asks for them. */
export const WRITE_PROGRESS_REQUESTS = 1000;

/** Progress of a write: how many requests on `storeName` have succeeded. */
export type WriteProgress = (storeName: string, requests: number) => void;
/** Requests between two looks at the clock: a put clones its record (~40 µs for a violation), so a slice overruns its budget by ~1 ms at most. */
export const WRITE_SLICE_CHECK = 16;

interface QueuedWrites {
  storeName: string;
  operation: 'add' | 'put' | 'delete' | 'clear';
  /** Records to add or put, or keys to delete; empty for clear. */
  items: readonly unknown[];
  /** Requests that clone up to a few ms each: the clock is checked after each one. */
  large: boolean;
}

/** A key no record has (an empty array is a valid key that no store here uses). */
const NO_SUCH_KEY: IDBValidKey = [];

/** Resolves on the success of `request` (a failed request fails its transaction, which reports it). */
function succeeded(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve) => request.addEventListener('success', resolve, { once: true }));
}

/**
 * Bulk writes of one transaction, issued by `writeAtomically` in order after the direct requests
 * of its callback, in slices: each slice is at most WRITE_SLICE_REQUESTS requests (or
 * WRITE_SLICE_BUDGET_MS of main-thread time), and the next slice is issued from the success
 * callback of the previous slice's last request — still inside the transaction, which stays
 * active because a request is always pending — so a 100,000-record import never holds the main
 * thread for seconds. A write that fits in one slice is issued synchronously, as a direct request;
 * a bigger one starts in a later task.
 *
 * The requests are made on the plain IndexedDB object stores (not idb's wrappers): a wrapped
 * request costs a promise, two listeners and cache entries each — for 100,000 puts, tens of
 * milliseconds per slice and the garbage after it. Only a slice's last request is listened to.
 */
export class WriteQueue {
  readonly #queued: QueuedWrites[] = [];
  #segment = 0;
  #item = 0;
  /** Requests issued per object store (for progress). */
  readonly #issued = new Map<string, number>();

  /**
   * `sliced` false: everything in one slice (a worker, whose thread nothing else waits for).
   * `onWritten`: told, every WRITE_PROGRESS_REQUESTS requests on an object store, how many of
   * that store's requests have succeeded (in order).
   */
  constructor(private readonly sliced = true, private readonly onWritten?: WriteProgress) {}

  /**
   * Adds (the store assigns keys, in queue order). `large`: each record clones in up to a few ms
   * (e.g. the journal entries of a big edit): the clock is checked after each one, and a queue
   * holding them starts in a task of its own.
   */
  add(storeName: string, records: readonly unknown[], options: { large?: boolean } = {}): void {
    if (records.length > 0) this.#queued.push({ storeName, operation: 'add', items: records, large: options.large ?? false });
  }

  put(storeName: string, records: readonly unknown[]): void {
    if (records.length > 0) this.#queued.push({ storeName, operation: 'put', items: records, large: false });
  }

  delete(storeName: string, keys: readonly IDBValidKey[]): void {
    if (keys.length > 0) this.#queued.push({ storeName, operation: 'delete', items: keys, large: false });
  }

  clear(storeName: string): void {
    this.#queued.push({ storeName, operation: 'clear', items: [], large: false });
  }

  /** Whether everything queued is issued in one slice (by request count, and no large requests). */
  fitsInOneSlice(): boolean {
    if (!this.sliced) return true;
    let requests = 0;
    for (const segment of this.#queued) {
      if (segment.large) return false;
      requests += Math.max(1, segment.items.length);
    }
    return requests <= WRITE_SLICE_REQUESTS;
  }

  /** The store of the first queued request, or null when nothing is queued. */
  firstStoreName(): string | null {
    return this.#queued[0]?.storeName ?? null;
  }

  /**
   * Issues the next slice of requests and returns a promise of the success of its last request
   * when more remain (null when everything is issued). May throw synchronously (e.g. a record
   * without id).
   */
  issueSlice(transaction: WriteTransaction): Promise<unknown> | null {
    const started = performance.now();
    let issued = 0;
    let last: IDBRequest | null = null;
    let large = false;
    const full = () => this.sliced && (issued >= WRITE_SLICE_REQUESTS || ((large || issued % WRITE_SLICE_CHECK === 0) && issued > 0 && performance.now() - started > WRITE_SLICE_BUDGET_MS));
    while (this.#segment < this.#queued.length) {
      if (last !== null && full()) return succeeded(last);
      const segment = this.#queued[this.#segment]!;
      large = segment.large;
      const store = unwrap(transaction.objectStore(segment.storeName));
      if (segment.operation === 'clear') {
        last = store.clear();
        issued += 1;
        this.#segment += 1;
        continue;
      }
      const { items } = segment;
      while (this.#item < items.length) {
        const item = items[this.#item];
        this.#item += 1;
        last = segment.operation === 'put' ? store.put(item) : segment.operation === 'add' ? store.add(item) : store.delete(item as IDBValidKey);
        issued += 1;
        if (this.onWritten) {
          const done = (this.#issued.get(segment.storeName) ?? 0) + 1;
          this.#issued.set(segment.storeName, done);
          const { onWritten } = this;
          if (done % WRITE_PROGRESS_REQUESTS === 0) last.addEventListener('success', () => onWritten(segment.storeName, done), { once: true });
        }
        if (full()) break;
      }
      if (this.#item >= items.length) {
        this.#segment += 1;
        this.#item = 0;
      }
    }
    return null;
  }
}

/**
 * Runs `issueWrites` in one readwrite transaction over `storeNames` and resolves when it has
 * committed. The callback must only issue IndexedDB requests (awaiting anything else would end
 * the transaction); bulk writes go into `queue`, which is issued after it in slices (see
 * WriteQueue). A request that throws synchronously (e.g. a record without an id) does not
 * abort the transaction by itself, so the requests already queued would commit: the transaction
 * is aborted explicitly — also when the throw happens in a later slice — keeping every write
 * all-or-nothing. Failures are StorageFailureErrors. `sliced` false (in a worker): the queue is
 * issued at once, keeping IndexedDB busy instead of waiting for each slice.
 */
export async function writeAtomically(database: ProjectDatabase, storeNames: readonly string[], issueWrites: (transaction: WriteTransaction, queue: WriteQueue) => void, sliced = true, onWritten?: WriteProgress): Promise<void> {
  let transaction: WriteTransaction;
  try {
    transaction = database.transaction([...storeNames], 'readwrite', { durability: 'strict' });
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
  const queue = new WriteQueue(sliced, onWritten);
  let issueError: unknown = null;
  /** Runs `issue`; a synchronous throw aborts the whole transaction. */
  const guarded = (issue: () => void): void => {
    try {
      issue();
    } catch (error) {
      issueError ??= error;
      try {
        transaction.abort();
      } catch {
        // Already finishing: transaction.done reports it.
      }
    }
  };
  /** Issues slices from the success of each slice's last request. */
  const issueFrom = (): void => guarded(() => void queue.issueSlice(transaction)?.then(issueFrom, ignoreRequestError));
  try {
    issueWrites(transaction, queue);
  } catch (error) {
    transaction.abort();
    await transaction.done.catch(() => undefined);
    throw new StorageFailureError(classifyStorageError(error));
  }
  const firstStore = queue.firstStoreName();
  if (firstStore === null || queue.fitsInOneSlice()) issueFrom();
  else {
    // A big write starts in a task of its own (the caller's task may be busy already, e.g. with
    // the store update of an import): its first slice follows the success of a cheap read, which
    // keeps the transaction active meanwhile.
    guarded(() => unwrap(transaction.objectStore(firstStore)).get(NO_SUCH_KEY).addEventListener('success', issueFrom, { once: true }));
  }
  try {
    await transaction.done;
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(issueError ?? transaction.error ?? error));
  }
  // A throw after the last request (cannot happen today) must still not pass as success.
  if (issueError !== null) throw new StorageFailureError(classifyStorageError(issueError));
}

/** Queues the record changes and meta entries of an edit (after its direct requests). */
export function queueEditWrites(queue: WriteQueue, edit: Pick<Edit, 'changes' | 'meta'>): void {
  for (const change of edit.changes) {
    queue.delete(change.kind, change.delete ?? []);
    queue.put(change.kind, change.put ?? []);
  }
  if (edit.meta) queue.put(META_STORE, Object.entries(edit.meta).map(([key, value]) => ({ key, value })));
}

/**
 * Writes one edit in a single transaction and resolves when it has committed: its journal
 * writes first, then its record changes and meta entries (in slices when large). Rejects with a
 * StorageFailureError (quota, aborted …) and then nothing of the edit is stored. `sliced` false:
 * the writes are issued at once (see writeAtomically); `onWritten` hears how many of its queued
 * requests on each store have succeeded, every WRITE_PROGRESS_REQUESTS.
 */
export async function saveEdit(database: ProjectDatabase, edit: Edit, options: { sliced?: boolean; onWritten?: WriteProgress } = {}): Promise<void> {
  const storeNames = [...new Set<string>(edit.changes.map((change) => change.kind))];
  if (edit.meta) storeNames.push(META_STORE);
  storeNames.push(...journalStoresOf(edit));
  if (storeNames.length === 0) return;
  await writeAtomically(database, storeNames, (transaction, queue) => {
    issueJournalWrites(transaction, queue, edit);
    queueEditWrites(queue, edit);
  }, options.sliced ?? true, options.onWritten);
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
  await writeAtomically(database, [...kinds, META_STORE, ...journalStoresOf(writes)], (transaction, queue) => {
    issueJournalWrites(transaction, queue, writes);
    for (const kind of kinds) {
      queue.clear(kind);
      queue.put(kind, records[kind] ?? []);
    }
    queue.clear(META_STORE);
    queue.put(META_STORE, Object.entries(meta).map(([key, value]) => ({ key, value })));
  });
}
