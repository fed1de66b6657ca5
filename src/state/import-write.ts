/**
 * The write of an import, done where its records are — in the import worker — so that the main
 * thread neither issues 100,000 IndexedDB puts nor pays for the copy the browser makes of each
 * value it stores: one transaction on a connection of the worker's own, holding the records, the
 * edit's journal entries (built on the main thread from the store's records and sent here in
 * batches) and its automatic checkpoint, issued at once (nothing waits for this thread). A failure comes back as a StorageFailure (an Error would
 * lose its kind on the way through comlink) and nothing of the edit is stored.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { CheckpointInput } from '../storage/checkpoints';
import { openProjectDatabase, type ProjectDatabase } from '../storage/database';
import type { JournalEntryInput } from '../storage/journal';
import { saveEdit, type Edit, type StoredRecord } from '../storage/repository';
import { classifyStorageError, StorageFailureError, type StorageFailure } from '../storage/storage-error';

/** What the main thread sends to store the records an import session holds. */
export interface ImportWriteRequest {
  /** The project database (the service's name: tests use their own). */
  databaseName: string;
  kind: RecordKind;
  checkpoint?: CheckpointInput;
}

export type ImportWriteOutcome = { ok: true } | { ok: false; failure: StorageFailure };

/**
 * Journal entries sent to the worker in one message at most: detail entries carry two records
 * each, and a summary part up to JOURNAL_PART_IDS ids, so a batch clones in a few ms at most.
 */
export const JOURNAL_BATCH_ENTRIES = 64;

/** The journal in the batches it is sent in: detail entries together, each summary part alone. */
export function journalBatches(journal: readonly JournalEntryInput[]): JournalEntryInput[][] {
  const batches: JournalEntryInput[][] = [];
  let current: JournalEntryInput[] = [];
  for (const entry of journal) {
    if (entry.summary || current.length >= JOURNAL_BATCH_ENTRIES) {
      if (current.length > 0) batches.push(current);
      current = [];
    }
    current.push(entry);
    if (entry.summary) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The one edit an import's write may be: puts of one kind (the records the session holds), its
 * journal and checkpoint — no deletes, settings or snapshots, which only the main thread has.
 */
export function importWriteRequestOf(edit: Edit, databaseName: string, accepted: number): ImportWriteRequest {
  const [change, ...others] = edit.changes;
  if (!change || others.length > 0 || (change.delete?.length ?? 0) > 0 || (change.put?.length ?? 0) !== accepted || edit.meta || edit.snapshot) {
    throw new Error('导入线程只能写入本次导入的要素');
  }
  return { databaseName, kind: change.kind, ...(edit.checkpoint ? { checkpoint: edit.checkpoint } : {}) };
}

/**
 * Stores `records` with `journal` in one transaction of a connection opened for it (closed after);
 * `onWritten` hears how many records are written, every thousand or so.
 */
export async function writeImport(request: ImportWriteRequest, records: readonly StoredRecord[], journal: readonly JournalEntryInput[], onWritten?: (records: number) => void): Promise<ImportWriteOutcome> {
  let database: ProjectDatabase | null = null;
  try {
    database = await openProjectDatabase({ name: request.databaseName });
    await saveEdit(database, {
      changes: [{ kind: request.kind, put: records, delete: [] }],
      journal,
      ...(request.checkpoint ? { checkpoint: request.checkpoint } : {}),
    }, {
      sliced: false,
      ...(onWritten ? { onWritten: (storeName: string, requests: number) => {
        if (storeName === request.kind) onWritten(requests);
      } } : {}),
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: error instanceof StorageFailureError ? error.failure : classifyStorageError(error) };
  } finally {
    database?.close();
  }
}
