/**
 * The IndexedDB schema: one object store per record kind (keyPath `id`), a `meta` store for
 * project settings and (from version 3) an `epochImages` store for the image bytes of imagery
 * epochs, kept out of the `epochs` records so those stay small JSON. Each version's migration runs
 * inside the upgrade transaction and issues only IndexedDB requests (awaiting anything else would
 * end the transaction).
 */
import { RECORD_KINDS, type RecordKind } from '../domain/record-kinds';

export const DATABASE_NAME = 'chaizheng-onemap';
export const SCHEMA_VERSION = 4;
export const META_STORE = 'meta';
/** Image bytes of imagery epochs, keyPath `epochId` (one image per epoch). Added in version 3. */
export const EPOCH_IMAGES_STORE = 'epochImages';

/** Per-record edit journal (who/when/what, before and after), keyPath `seq` (auto-increment). Version 4. */
export const JOURNAL_STORE = 'journal';
/** Named checkpoints the user can roll back to (each marks a journal sequence number). Version 4. */
export const CHECKPOINTS_STORE = 'checkpoints';

/**
 * The record kinds that existed when version 1 was created. Frozen: migration 1 must create exactly
 * these whatever RECORD_KINDS later grows to, and later kinds get their stores in later migrations.
 */
export const KINDS_V1: readonly RecordKind[] = RECORD_KINDS.filter((kind) => kind !== 'redLines');
/** Record kinds whose stores were added in version 4. */
export const KINDS_V4: readonly RecordKind[] = ['redLines'];

/** Indexes added in schema version 2, per store: index name → key path. */
export const INDEXES_V2: Partial<Record<RecordKind, Record<string, string>>> = {
  villages: { townshipId: 'properties.townshipId' },
  violations: { townshipId: 'properties.townshipId', status: 'properties.status', villageId: 'properties.villageId' },
  zones: { townshipId: 'properties.townshipId' },
  fourNoUnits: { townshipId: 'properties.townshipId' },
  targets: { townshipId: 'townshipId' },
  snapshots: { townshipId: 'townshipId' },
};

/** The parts of IDBDatabase / IDBTransaction a migration may use (satisfied by idb's upgrade args). */
export interface UpgradeContext {
  database: IDBDatabase;
  transaction: IDBTransaction;
}

type Migration = (context: UpgradeContext) => void;

/**
 * Migration to version N is at index N. Version 1 created the stores; version 2 added indexes;
 * version 3 added the epoch image store; version 4 added the `redLines` record kind, the edit
 * journal (index `record` on [kind, recordId], index `at`) and checkpoints.
 */
const MIGRATIONS: Record<number, Migration> = {
  1: ({ database }) => {
    for (const kind of KINDS_V1) {
      if (!database.objectStoreNames.contains(kind)) database.createObjectStore(kind, { keyPath: 'id' });
    }
    if (!database.objectStoreNames.contains(META_STORE)) database.createObjectStore(META_STORE, { keyPath: 'key' });
  },
  2: ({ transaction }) => {
    for (const [kind, indexes] of Object.entries(INDEXES_V2)) {
      const store = transaction.objectStore(kind);
      for (const [name, keyPath] of Object.entries(indexes ?? {})) {
        if (!store.indexNames.contains(name)) store.createIndex(name, keyPath, { unique: false });
      }
    }
  },
  3: ({ database }) => {
    if (!database.objectStoreNames.contains(EPOCH_IMAGES_STORE)) database.createObjectStore(EPOCH_IMAGES_STORE, { keyPath: 'epochId' });
  },
  4: ({ database }) => {
    for (const kind of KINDS_V4) {
      if (!database.objectStoreNames.contains(kind)) database.createObjectStore(kind, { keyPath: 'id' });
    }
    if (!database.objectStoreNames.contains(JOURNAL_STORE)) {
      const journal = database.createObjectStore(JOURNAL_STORE, { keyPath: 'seq', autoIncrement: true });
      journal.createIndex('record', ['kind', 'recordId'], { unique: false });
      journal.createIndex('at', 'at', { unique: false });
    }
    if (!database.objectStoreNames.contains(CHECKPOINTS_STORE)) database.createObjectStore(CHECKPOINTS_STORE, { keyPath: 'id' });
  },
};

/** Runs every migration after `oldVersion` up to `newVersion`, in order, synchronously. */
export function runMigrations(context: UpgradeContext, oldVersion: number, newVersion: number): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const migration = MIGRATIONS[version];
    if (!migration) throw new Error(`No migration to schema version ${version}`);
    migration(context);
  }
}
