/** Reading every record of a kind in chunks, so no single task deserialises a whole county. */
import type { RecordKind } from '../domain/record-kinds';
import type { ProjectDatabase } from './database';
import type { StoredRecord } from './repository';
import { StorageFailureError, classifyStorageError } from './storage-error';

/** Records read per IndexedDB request when loading: ~50 ms of deserialising per chunk at county scale. */
export const LOAD_CHUNK_RECORDS = 5_000;

/**
 * Every record of a kind in key order (as one getAll would), read in chunks of
 * LOAD_CHUNK_RECORDS: each chunk is deserialised in its own task, so 100,000 violations never
 * block the main thread for a second and input is handled between chunks.
 */
export async function readAllInChunks(
  database: ProjectDatabase,
  kind: RecordKind,
  /** Called after each chunk with the number of records read so far. */
  onChunk?: (recordsRead: number) => void,
): Promise<StoredRecord[]> {
  try {
    let result: StoredRecord[] = [];
    let range: IDBKeyRange | undefined;
    for (;;) {
      const chunk = (await database.getAll(kind, range, LOAD_CHUNK_RECORDS)) as StoredRecord[];
      result = result.length === 0 ? chunk : result.concat(chunk);
      onChunk?.(result.length);
      const last = chunk[chunk.length - 1];
      if (chunk.length < LOAD_CHUNK_RECORDS || !last) return result;
      range = IDBKeyRange.lowerBound(last.id, true);
    }
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}
