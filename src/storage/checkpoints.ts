/**
 * Named checkpoints (还原点) as stored: each marks the newest journal entry at the moment it was
 * made (`seq`), so rolling back to it undoes every journal entry after that. A checkpoint made
 * before a whole-project replacement (restore from a backup) also keeps a snapshot of the project
 * (a gzipped backup), because the journal cannot undo a replacement record by record; only the
 * newest MAX_SNAPSHOTS snapshots are kept.
 *
 * Checkpoint records have ids `cp-…`, snapshot records `snapshot-…` with the same suffix; the
 * suffix starts with a zero-padded time so key order is time order.
 */
import type { IDBPTransaction } from 'idb';
import type { ProjectDatabase } from './database';
import { CHECKPOINTS_STORE, JOURNAL_STORE } from './schema';
import { StorageFailureError, classifyStorageError } from './storage-error';

export const MAX_SNAPSHOTS = 3;
const CHECKPOINT_PREFIX = 'cp-';
const SNAPSHOT_PREFIX = 'snapshot-';

export interface CheckpointInput {
  /** `cp-` + suffix (see createCheckpointId). */
  id: string;
  name: string;
  at: string;
  author: string;
  /** Made by the system (before an import, a restore, a rollback) rather than by the user. */
  automatic: boolean;
}

export interface Checkpoint extends CheckpointInput {
  /** The newest journal entry when the checkpoint was made (0: the journal was empty). */
  seq: number;
  /** Whether a snapshot of the whole project is kept with it. */
  hasSnapshot: boolean;
}

/** A new checkpoint id whose order is the order of `now` (ms since 1970). */
export function createCheckpointId(now: number, random = Math.random()): string {
  return `${CHECKPOINT_PREFIX}${String(Math.floor(now)).padStart(15, '0')}-${Math.floor(random * 36 ** 6).toString(36).padStart(6, '0')}`;
}

function snapshotIdOf(checkpointId: string): string {
  return SNAPSHOT_PREFIX + checkpointId.slice(CHECKPOINT_PREFIX.length);
}

const prefixRange = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

type CheckpointTransaction = IDBPTransaction<unknown, string[], 'readwrite'>;

/**
 * Issues the writes of a checkpoint in `transaction` (which must cover the journal and checkpoint
 * stores): it reads the newest journal key — issued before any journal add of the same
 * transaction, so it sees the journal as it was — and then stores the checkpoint. With `snapshot`,
 * the project snapshot is stored too and older snapshots beyond MAX_SNAPSHOTS are dropped.
 * IndexedDB requests only; failures surface from the transaction.
 */
export function issueCheckpoint(transaction: CheckpointTransaction, checkpoint: CheckpointInput, snapshot?: Uint8Array): void {
  const store = transaction.objectStore(CHECKPOINTS_STORE);
  transaction.objectStore(JOURNAL_STORE).openKeyCursor(null, 'prev')
    .then((cursor) => store.put({ ...checkpoint, seq: typeof cursor?.key === 'number' ? cursor.key : 0 }))
    .catch(() => undefined);
  if (!snapshot) return;
  store.put({ id: snapshotIdOf(checkpoint.id), bytes: snapshot }).catch(() => undefined);
  store.getAllKeys(prefixRange(SNAPSHOT_PREFIX))
    .then((keys) => {
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_SNAPSHOTS))) void store.delete(key).catch(() => undefined);
    })
    .catch(() => undefined);
}

/** Every checkpoint, newest first. */
export async function listCheckpoints(database: ProjectDatabase): Promise<Checkpoint[]> {
  try {
    const transaction = database.transaction(CHECKPOINTS_STORE, 'readonly');
    const [records, snapshotKeys] = await Promise.all([
      transaction.store.getAll(prefixRange(CHECKPOINT_PREFIX)),
      transaction.store.getAllKeys(prefixRange(SNAPSHOT_PREFIX)),
    ]);
    await transaction.done;
    const snapshots = new Set(snapshotKeys.map(String));
    return (records as Omit<Checkpoint, 'hasSnapshot'>[])
      .map((record) => ({ ...record, hasSnapshot: snapshots.has(snapshotIdOf(record.id)) }))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/** The snapshot kept with a checkpoint, or null. */
export async function readCheckpointSnapshot(database: ProjectDatabase, checkpointId: string): Promise<Uint8Array | null> {
  try {
    const record = (await database.get(CHECKPOINTS_STORE, snapshotIdOf(checkpointId))) as { bytes: Uint8Array } | undefined;
    return record ? new Uint8Array(record.bytes) : null;
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}
