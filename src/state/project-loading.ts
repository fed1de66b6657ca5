/** Loading the stored project into memory, and asking the browser to keep its storage. */
import type { ModelledKind } from '../domain/records';
import { readAllInChunks } from '../storage/chunked-read';
import type { ProjectDatabase } from '../storage/database';
import { createEmptyRecords, type ProjectRecords, type StoragePersistence } from './project-state';

/** Every modelled kind of the project, read from IndexedDB in chunks. */
export async function loadRecords(database: ProjectDatabase): Promise<ProjectRecords> {
  const records = createEmptyRecords();
  const kinds = Object.keys(records) as ModelledKind[];
  const loaded = await Promise.all(kinds.map((kind) => readAllInChunks(database, kind)));
  kinds.forEach((kind, index) => {
    (records as Record<ModelledKind, unknown[]>)[kind] = loaded[index] ?? [];
  });
  return records;
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
