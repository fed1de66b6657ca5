/**
 * Opens the project (database, first-run seeding, loading every kind) and performs edits: each
 * edit updates the store at once and is written as one IndexedDB transaction, in order. A failed
 * save is shown in the save status and the data stays in memory.
 */
import type { RecordKind } from '../domain/record-kinds';
import { RECORD_KINDS } from '../domain/record-kinds';
import type { ModelledKind } from '../domain/records';
import { openProjectDatabase, type ProjectDatabase } from '../storage/database';
import { DATABASE_NAME } from '../storage/schema';
import { countRecords, readAll, readByIds, readEverything, readMeta, replaceEverything, saveEdit, type Edit, type StoredRecord } from '../storage/repository';
import { readEpochImage, saveEpochsWithImages, type EpochImage, type SampleEpochs } from '../storage/epoch-images';
import { seedIfNeeded, type SampleRecords } from '../storage/seed';
import { StorageFailureError, classifyStorageError, storageFailure } from '../storage/storage-error';
import { openEditBroadcast, type EditNotice } from './edit-broadcast';
import { restoreLayerSettings, type LayerId } from './layer-settings';
import { createEmptyRecords, createInitialState, type ProjectRecords, type StoragePersistence } from './project-state';
import { createProjectStore, type ProjectStore } from './store';

export const LAYER_SETTINGS_META_KEY = 'layerSettings';
/** Meta entry naming the sample imagery once it has been stored (so it is stored only once). */
export const SAMPLE_EPOCHS_META_KEY = 'sampleEpochsFrom';

/** The changes of one kind within a multi-kind edit. */
export interface RecordChanges {
  kind: ModelledKind;
  put: readonly StoredRecord[];
  delete?: readonly string[];
}

export interface ProjectServiceOptions {
  loadSample: () => Promise<SampleRecords>;
  sampleName: string;
  databaseName?: string;
  /** Clock for status dates and save times; injectable for tests. */
  now?: () => Date;
}

export interface ProjectService {
  readonly store: ProjectStore;
  /** Resolves when the project is loaded (or its failure is in the store). */
  readonly opened: Promise<void>;
  saveRecords(kind: ModelledKind, put: readonly StoredRecord[], deleted?: readonly string[]): Promise<void>;
  /** Changes to several kinds made by one action (e.g. a change patch and the violation it creates), saved as one transaction. */
  saveChanges(changes: readonly RecordChanges[]): Promise<void>;
  /**
   * Stores the sample imagery epochs (records and images, one transaction) unless they were stored
   * before; `load` is called only then. Resolves true when it stored them.
   */
  seedSampleEpochs(load: () => Promise<SampleEpochs>, sourceName: string): Promise<boolean>;
  /** The stored image of an epoch, or null. */
  readEpochImage(epochId: string): Promise<EpochImage | null>;
  setLayerVisible(layerId: LayerId, visible: boolean): Promise<void>;
  setLayerOpacity(layerId: LayerId, opacity: number): Promise<void>;
  moveLayer(layerId: LayerId, direction: 'up' | 'down'): Promise<void>;
  counts(): Promise<Record<RecordKind, number>>;
  /** Every stored record and meta entry, read in one transaction (for backups). */
  readEverything(): Promise<{ records: Record<string, StoredRecord[]>; meta: Record<string, unknown> }>;
  /** Replaces the stored records of the kinds given, and the settings, in one transaction; then reloads (and tells other tabs). */
  replaceEverything(records: Record<string, StoredRecord[]>, meta: Record<string, unknown>): Promise<void>;
  /** The records of a kind as stored (read from IndexedDB, not from memory). */
  readStored(kind: RecordKind): Promise<StoredRecord[]>;
  now(): Date;
  close(): void;
}

async function loadRecords(database: ProjectDatabase): Promise<ProjectRecords> {
  const records = createEmptyRecords();
  const kinds = Object.keys(records) as ModelledKind[];
  const loaded = await Promise.all(kinds.map((kind) => readAll(database, kind)));
  kinds.forEach((kind, index) => {
    (records as Record<ModelledKind, unknown[]>)[kind] = loaded[index] ?? [];
  });
  return records;
}

/**
 * Asks the browser not to evict the project's storage under pressure. Only secure contexts
 * (https, localhost) have the API; a plain-http intranet host gets 'unavailable'.
 */
async function requestPersistence(): Promise<StoragePersistence> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return 'unavailable';
  try {
    if (await storage.persisted()) return 'persistent';
    return (await storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'unavailable';
  }
}

export function createProjectService(options: ProjectServiceOptions): ProjectService {
  const store = createProjectStore(createInitialState());
  const now = options.now ?? (() => new Date());
  let database: ProjectDatabase | null = null;
  let writeQueue: Promise<void> = Promise.resolve();
  const broadcast = openEditBroadcast(
    `${options.databaseName ?? DATABASE_NAME}-edits`,
    (notice) => void applyRemoteEdit(notice),
    () => void reloadAll(),
  );

  /** Reads the whole project from storage again (after a restore here or in another tab). */
  async function reloadAll(): Promise<void> {
    await opened;
    if (!database) return;
    const [records, savedLayers] = await Promise.all([loadRecords(database), readMeta<unknown>(database, LAYER_SETTINGS_META_KEY)]);
    store.dispatch({ type: 'selected', selection: null });
    store.dispatch({ type: 'loaded', records, layers: restoreLayerSettings(savedLayers) });
  }

  /** Another tab saved records: read them back from storage so this tab shows (and keeps) them. */
  async function applyRemoteEdit(notice: EditNotice): Promise<void> {
    await opened;
    if (!database || !(notice.kind in store.getState().records)) return;
    const found = await readByIds(database, notice.kind, notice.putIds);
    const missing = notice.putIds.filter((id) => !found.some((record) => record.id === id));
    store.dispatch({ type: 'recordsChanged', kind: notice.kind as ModelledKind, put: found, deleted: [...notice.deletedIds, ...missing] });
  }

  const opened = (async () => {
    try {
      database = await openProjectDatabase({
        ...(options.databaseName ? { name: options.databaseName } : {}),
        onVersionChange: () => {
          database = null;
          store.dispatch({ type: 'saveFailed', failure: storageFailure('version') });
        },
      });
      await seedIfNeeded(database, options.loadSample, options.sampleName);
      const [records, savedLayers] = await Promise.all([
        loadRecords(database),
        readMeta<unknown>(database, LAYER_SETTINGS_META_KEY),
      ]);
      store.dispatch({ type: 'loaded', records, layers: restoreLayerSettings(savedLayers) });
      void requestPersistence().then((persistence) => store.dispatch({ type: 'persistenceKnown', persistence }));
    } catch (error) {
      const failure = error instanceof StorageFailureError ? error.failure : classifyStorageError(error);
      store.dispatch({ type: 'loadFailed', failure });
    }
  })();

  /** Queues one edit; edits are written one after another in the order they were made. */
  function enqueue(buildEdit: () => Edit): Promise<void> {
    store.dispatch({ type: 'saveStarted' });
    const run = async () => {
      if (!database) throw new StorageFailureError(storageFailure('version'));
      await saveEdit(database, buildEdit());
    };
    const result = writeQueue.then(run).then(
      () => store.dispatch({ type: 'saveSucceeded', at: now().toISOString() }),
      (error: unknown) => {
        const failure = error instanceof StorageFailureError ? error.failure : classifyStorageError(error);
        store.dispatch({ type: 'saveFailed', failure });
        throw error;
      },
    );
    writeQueue = result.catch(() => undefined);
    return result;
  }

  /** Layer settings are saved as they are when the write runs, so fast slider moves coalesce. */
  function saveLayerSettings(): Promise<void> {
    return enqueue(() => ({ changes: [], meta: { [LAYER_SETTINGS_META_KEY]: store.getState().layers } }));
  }

  return {
    store,
    opened,
    now,
    saveRecords(kind, put, deleted = []) {
      store.dispatch({ type: 'recordsChanged', kind, put, deleted });
      return enqueue(() => ({ changes: [{ kind, put, delete: deleted }] })).then(() =>
        broadcast.announce({ kind, putIds: put.map((record) => record.id), deletedIds: [...deleted] }),
      );
    },
    saveChanges(changes) {
      for (const change of changes) store.dispatch({ type: 'recordsChanged', kind: change.kind, put: change.put, deleted: change.delete ?? [] });
      return enqueue(() => ({ changes: changes.map((change) => ({ kind: change.kind, put: change.put, delete: change.delete ?? [] })) })).then(() => {
        for (const change of changes) broadcast.announce({ kind: change.kind, putIds: change.put.map((record) => record.id), deletedIds: [...(change.delete ?? [])] });
      });
    },
    async seedSampleEpochs(load, sourceName) {
      await opened;
      const target = database;
      if (!target) throw new StorageFailureError(storageFailure('version'));
      if ((await readMeta(target, SAMPLE_EPOCHS_META_KEY)) !== undefined) return false;
      const sample = await load();
      store.dispatch({ type: 'saveStarted' });
      const write = writeQueue.then(() => saveEpochsWithImages(target, sample.epochs, sample.images, { [SAMPLE_EPOCHS_META_KEY]: sourceName }));
      writeQueue = write.catch(() => undefined);
      try {
        await write;
      } catch (error) {
        const failure = error instanceof StorageFailureError ? error.failure : classifyStorageError(error);
        store.dispatch({ type: 'saveFailed', failure });
        throw error;
      }
      store.dispatch({ type: 'saveSucceeded', at: now().toISOString() });
      store.dispatch({ type: 'recordsChanged', kind: 'epochs', put: sample.epochs, deleted: [] });
      broadcast.announce({ kind: 'epochs', putIds: sample.epochs.map((epoch) => epoch.id), deletedIds: [] });
      return true;
    },
    async readEpochImage(epochId) {
      await opened;
      return database ? readEpochImage(database, epochId) : null;
    },
    setLayerVisible(layerId, visible) {
      store.dispatch({ type: 'layerVisibilitySet', layerId, visible });
      return saveLayerSettings();
    },
    setLayerOpacity(layerId, opacity) {
      store.dispatch({ type: 'layerOpacitySet', layerId, opacity });
      return saveLayerSettings();
    },
    moveLayer(layerId, direction) {
      store.dispatch({ type: 'layerMoved', layerId, direction });
      return saveLayerSettings();
    },
    async counts() {
      await opened;
      const result = {} as Record<RecordKind, number>;
      for (const kind of RECORD_KINDS) result[kind] = database ? await countRecords(database, kind) : 0;
      return result;
    },
    async readEverything() {
      await opened;
      if (!database) throw new StorageFailureError(storageFailure('version'));
      return readEverything(database, RECORD_KINDS);
    },
    async replaceEverything(records, meta) {
      await opened;
      const target = database;
      if (!target) throw new StorageFailureError(storageFailure('version'));
      store.dispatch({ type: 'saveStarted' });
      try {
        // Behind any queued edit, so an older edit cannot land on top of the restored project.
        await writeQueue;
        await replaceEverything(target, records, meta, RECORD_KINDS.filter((kind) => kind in records));
      } catch (error) {
        const failure = error instanceof StorageFailureError ? error.failure : classifyStorageError(error);
        store.dispatch({ type: 'saveFailed', failure });
        throw error;
      }
      store.dispatch({ type: 'saveSucceeded', at: now().toISOString() });
      await reloadAll();
      broadcast.announceReplaced();
    },
    async readStored(kind) {
      await opened;
      return database ? readAll(database, kind) : [];
    },
    close() {
      broadcast.close();
      database?.close();
      database = null;
    },
  };
}
