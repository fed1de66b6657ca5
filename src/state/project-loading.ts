/** Loading the stored project into memory (in two parts), and asking the browser to keep its storage. */
import type { ModelledKind } from '../domain/records';
import { readAllInChunks } from '../storage/chunked-read';
import type { ProjectDatabase } from '../storage/database';
import type { LayerSetting } from './layer-settings';
import { createEmptyRecords, type ProjectRecords, type StoragePersistence } from './project-state';
import type { ProjectStore } from './store';

/**
 * The kinds that reach county scale (100,000 violations): read after the others, so the map can
 * show everything else first while they stream in.
 */
export const DENSE_KINDS: readonly ModelledKind[] = ['violations'];

/** How the first part of a two-part load is reported. */
export interface LoadStream {
  /** Every kind but DENSE_KINDS is read (those are empty arrays here). */
  onFirstPart(records: ProjectRecords, pendingKinds: readonly ModelledKind[]): void;
  /** Records of the dense kinds read so far (after each chunk). */
  onProgress(recordsRead: number): void;
}

async function readKinds(database: ProjectDatabase, records: ProjectRecords, kinds: readonly ModelledKind[], onChunk?: (read: number) => void): Promise<void> {
  let before = 0;
  for (const kind of kinds) {
    const loaded = await readAllInChunks(database, kind, onChunk && ((read) => onChunk(before + read)));
    (records as Record<ModelledKind, unknown[]>)[kind] = loaded;
    before += loaded.length;
  }
}

/**
 * Every modelled kind of the project, read from IndexedDB in chunks. With `stream`, in two parts:
 * the small kinds together, reported through `onFirstPart`, then the dense kinds one after another.
 * The arrays of the first part are the ones in the result (same identity).
 */
export async function loadRecords(database: ProjectDatabase, stream?: LoadStream): Promise<ProjectRecords> {
  const records = createEmptyRecords();
  const kinds = Object.keys(records) as ModelledKind[];
  if (!stream) {
    await Promise.all(kinds.map((kind) => readKinds(database, records, [kind])));
    return records;
  }
  const small = kinds.filter((kind) => !DENSE_KINDS.includes(kind));
  await Promise.all(small.map((kind) => readKinds(database, records, [kind])));
  stream.onFirstPart({ ...records }, DENSE_KINDS);
  await readKinds(database, records, DENSE_KINDS, stream.onProgress);
  return records;
}

/**
 * Loads the project into the store in two parts: the small kinds are shown first
 * (`partlyLoaded`), the dense ones stream in after them (`loadProgressed`, then `restLoaded`).
 * Leaves User Timing marks for the browser benchmark (scripts/bench-browser.ts).
 */
export async function streamRecordsInto(store: ProjectStore, database: ProjectDatabase, layers: LayerSetting[]): Promise<void> {
  const records = await loadRecords(database, {
    onFirstPart: (partial, pendingKinds) => {
      store.dispatch({ type: 'partlyLoaded', records: partial, layers, pendingKinds });
      performance.mark('onemap-first-records-loaded');
    },
    onProgress: (recordsRead) => store.dispatch({ type: 'loadProgressed', recordsRead }),
  });
  store.dispatch({ type: 'restLoaded', records: Object.fromEntries(DENSE_KINDS.map((kind) => [kind, records[kind]])) });
  performance.mark('onemap-records-loaded');
}

/**
 * Asks the browser not to evict the project's storage under pressure. Only secure contexts
 * (https, localhost) have the API; a plain-http intranet host gets 'unavailable'.
 */
export async function requestPersistence(): Promise<StoragePersistence> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return 'unavailable';
  try {
    if (await storage.persisted()) return 'persistent';
    return (await storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'unavailable';
  }
}
