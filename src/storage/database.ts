/**
 * Opens the project database through idb, running the schema migrations, and reports every way
 * opening can fail (no IndexedDB, blocked upgrade, newer schema elsewhere) as a StorageFailureError.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DATABASE_NAME, SCHEMA_VERSION, runMigrations } from './schema';
import { StorageFailureError, classifyStorageError, storageFailure } from './storage-error';

export type ProjectDatabase = IDBPDatabase<unknown>;

export interface OpenOptions {
  name?: string;
  version?: number;
  /** Another tab asks to upgrade the schema: this connection has been closed and must stop writing. */
  onVersionChange?: () => void;
  /** The browser closed the connection abnormally (e.g. storage cleared). */
  onTerminated?: () => void;
  /** How long an upgrade may stay blocked by an old tab before the open fails, in ms. */
  blockedTimeoutMilliseconds?: number;
}

export async function openProjectDatabase(options: OpenOptions = {}): Promise<ProjectDatabase> {
  if (typeof indexedDB === 'undefined') throw new StorageFailureError(storageFailure('unavailable'));
  const name = options.name ?? DATABASE_NAME;
  const version = options.version ?? SCHEMA_VERSION;
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let connection: ProjectDatabase | undefined;
  let rejectBlocked: (reason: unknown) => void = () => undefined;
  const blockedTooLong = new Promise<never>((_, reject) => {
    rejectBlocked = reject;
  });
  const opening = openDB(name, version, {
    upgrade(database, oldVersion, newVersion, transaction) {
      // idb does not await this callback: the migrations are synchronous IDB requests only.
      runMigrations(
        { database: database as unknown as IDBDatabase, transaction: transaction as unknown as IDBTransaction },
        oldVersion,
        newVersion ?? version,
      );
    },
    blocked() {
      blockedTimer = setTimeout(
        () => rejectBlocked(new StorageFailureError(storageFailure('blocked'))),
        options.blockedTimeoutMilliseconds ?? 3000,
      );
    },
    blocking() {
      connection?.close();
      options.onVersionChange?.();
    },
    terminated() {
      options.onTerminated?.();
    },
  });
  try {
    connection = await Promise.race([opening, blockedTooLong]);
    return connection;
  } catch (error) {
    if (error instanceof StorageFailureError) throw error;
    throw new StorageFailureError(classifyStorageError(error));
  } finally {
    if (blockedTimer !== undefined) clearTimeout(blockedTimer);
  }
}
