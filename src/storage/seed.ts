/**
 * Loads the embedded sample county into an empty project on first run, in one transaction, and
 * marks the project as seeded so that a user who deletes everything is not re-seeded.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { ProjectDatabase } from './database';
import { readMeta, saveEdit, type StoredRecord } from './repository';

export const SEEDED_META_KEY = 'seededFrom';

export type SampleRecords = Partial<Record<RecordKind, readonly StoredRecord[]>>;

/** Whether the project has been seeded before (by this or an earlier version). */
export async function isSeeded(database: ProjectDatabase): Promise<boolean> {
  return (await readMeta<string>(database, SEEDED_META_KEY)) !== undefined;
}

/**
 * Seeds the sample records if the project has never been seeded. `loadSample` is only called
 * when needed (it fetches a few MB). Returns whether seeding happened.
 */
export async function seedIfNeeded(
  database: ProjectDatabase,
  loadSample: () => Promise<SampleRecords>,
  sourceName: string,
): Promise<boolean> {
  if (await isSeeded(database)) return false;
  const sample = await loadSample();
  const changes = Object.entries(sample).map(([kind, records]) => ({ kind: kind as RecordKind, put: records ?? [] }));
  await saveEdit(database, { changes, meta: { [SEEDED_META_KEY]: sourceName } });
  return true;
}
