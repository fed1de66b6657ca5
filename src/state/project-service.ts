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
import { readEpochImage, saveEditWithImages, saveEpochsWithImages, type EpochImage, type ImageChanges, type SampleEpochs } from '../storage/epoch-images';
import { seedIfNeeded, type SampleRecords } from '../storage/seed';
import { countEditsSince, readJournalAfter, readRecordJournal, type JournalEntry, type JournalEntryInput } from '../storage/journal';
import { createCheckpointId, listCheckpoints, readCheckpointSnapshot, type Checkpoint, type CheckpointInput } from '../storage/checkpoints';
import { JOURNAL_ACTIONS, buildJournalEntries, createEditId, isSummarised, type JournalContext } from './journal-entries';
import { journalContextOf, prepareEditInSlices, type PreparedEdit } from './edit-preparation';
import { StorageFailureError, classifyStorageError, storageFailure } from '../storage/storage-error';
import { openEditBroadcast, type EditNotice } from './edit-broadcast';
import { restoreLayerSettings, type LayerId } from './layer-settings';
import { createInitialState, type ProjectRecords } from './project-state';
import { loadRecords, requestPersistence, streamRecordsInto } from './project-loading';
import { createProjectStore, type ProjectStore } from './store';
import { createStatisticsService, type StatisticsService } from './statistics-service';
import { createStatisticsClient, type StatisticsClient } from '../workers/statistics-client';

export const LAYER_SETTINGS_META_KEY = 'layerSettings';
/** Meta entry naming the sample imagery once it has been stored (so it is stored only once). */
export const SAMPLE_EPOCHS_META_KEY = 'sampleEpochsFrom';
/** Meta entry: the 操作人 name written into the edit journal. */
export const JOURNAL_AUTHOR_META_KEY = 'journalAuthor';
/** Meta entry: ISO time the user last downloaded a project backup. */
export const LAST_BACKUP_META_KEY = 'lastBackupAt';
export const DEFAULT_AUTHOR = '本机用户';
export const MAX_AUTHOR_LENGTH = 40;

/** How an edit is journaled beyond its action label. */
export interface SaveOptions {
  /** Make an automatic checkpoint with this name just before the edit (same transaction). */
  checkpointName?: string;
  /** Image bytes (epoch images, evidence photos) written and deleted in the same transaction. */
  images?: ImageChanges;
  /**
   * A large edit (an import): the journal is built in slices of its own tasks and the store updated
   * in the task after them, so the main thread is never blocked by both at once. The store then
   * changes some tasks after the call, not during it.
   */
  yieldBeforeApplying?: boolean;
  /**
   * Writes the edit (one transaction on the project database named) instead of this thread: an
   * import's worker, which holds its records. It must store all of the edit or nothing, and
   * reject with a StorageFailureError.
   */
  writeEdit?: (edit: Edit, databaseName: string) => Promise<void>;
  /** Called once the store shows the edit (before it is written). */
  onApplied?: () => void;
}

/** How a whole-project replacement (restore, rollback to a snapshot) is journaled. */
export interface ReplaceOptions {
  action?: string;
  checkpointName?: string;
  /** A snapshot of the project before the replacement, kept with the checkpoint. */
  snapshot?: Uint8Array;
}

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
  /** The per-zone statistics client (default: the statistics worker, in-process without Worker). */
  statisticsClient?: () => StatisticsClient;
}

export interface ProjectService {
  readonly store: ProjectStore;
  /** Per-zone statistics of the open project, kept current after each edit (in the statistics worker). */
  readonly statistics: StatisticsService;
  /** Resolves when the project is loaded (or its failure is in the store). */
  readonly opened: Promise<void>;
  /**
   * One edit of one kind. `action` is the command's label for the edit journal (修改状态, 绘制区块,
   * 导入 …); without it one is derived (新建 / 删除 / 修改状态 / 修改).
   */
  saveRecords(kind: ModelledKind, put: readonly StoredRecord[], deleted?: readonly string[], action?: string): Promise<void>;
  /**
   * Changes to several kinds made by one action (e.g. a change patch and the violation it creates),
   * saved as one transaction together with their journal entries. An import (`action` 导入) or a
   * big edit gets an automatic checkpoint just before it.
   */
  saveChanges(changes: readonly RecordChanges[], action?: string, options?: SaveOptions): Promise<void>;
  /** The 操作人 name written into the journal. */
  author(): string;
  setAuthor(name: string): Promise<void>;
  /** The journal entries of one record, newest first (after the queued edits are stored). */
  readRecordHistory(kind: RecordKind, recordId: string): Promise<JournalEntry[]>;
  /** The journal entries after a sequence number, oldest first (after the queued edits are stored). */
  readJournalAfter(seq: number): Promise<JournalEntry[]>;
  /** Every checkpoint, newest first. */
  listCheckpoints(): Promise<Checkpoint[]>;
  /** Makes a checkpoint marking the journal as it is once the queued edits are stored. */
  createCheckpoint(name: string): Promise<void>;
  readCheckpointSnapshot(checkpointId: string): Promise<Uint8Array | null>;
  /** When the last backup was downloaded and how many edits were journaled since. */
  backupStatus(): Promise<{ lastBackupAt: string | null; editsSince: number }>;
  /** Records that the user downloaded a backup now. */
  recordBackupExported(): Promise<void>;
  /**
   * Stores the sample imagery epochs (records and images, one transaction) unless they were stored
   * before; `load` is called only then. Resolves true when it stored them.
   */
  seedSampleEpochs(load: () => Promise<SampleEpochs>, sourceName: string): Promise<boolean>;
  /** The stored image of an epoch (or an evidence photo, by its key), or null. */
  readEpochImage(epochId: string): Promise<EpochImage | null>;
  /** A project setting (meta entry), undefined when never saved. */
  readSetting<T>(key: string): Promise<T | undefined>;
  /** Saves a project setting (meta entry) as one edit. */
  saveSetting(key: string, value: unknown): Promise<void>;
  setLayerVisible(layerId: LayerId, visible: boolean): Promise<void>;
  setLayerOpacity(layerId: LayerId, opacity: number): Promise<void>;
  moveLayer(layerId: LayerId, direction: 'up' | 'down'): Promise<void>;
  counts(): Promise<Record<RecordKind, number>>;
  /** Every stored record and meta entry, read in one transaction (for backups). */
  readEverything(): Promise<{ records: Record<string, StoredRecord[]>; meta: Record<string, unknown> }>;
  /**
   * Replaces the stored records of the kinds given, and the settings, in one transaction (with a
   * whole-project journal entry and, if asked, a checkpoint and snapshot); then reloads (and tells other tabs).
   */
  replaceEverything(records: Record<string, StoredRecord[]>, meta: Record<string, unknown>, options?: ReplaceOptions): Promise<void>;
  /** The records of a kind as stored (read from IndexedDB, not from memory). */
  readStored(kind: RecordKind): Promise<StoredRecord[]>;
  now(): Date;
  close(): void;
}

export function createProjectService(options: ProjectServiceOptions): ProjectService {
  const store = createProjectStore(createInitialState());
  const statistics = createStatisticsService(store, { createClient: options.statisticsClient ?? createStatisticsClient });
  const now = options.now ?? (() => new Date());
  const databaseName = options.databaseName ?? DATABASE_NAME;
  let database: ProjectDatabase | null = null;
  let writeQueue: Promise<void> = Promise.resolve();
  let author = DEFAULT_AUTHOR;
  let lastCheckpointTime = 0;
  const broadcast = openEditBroadcast(
    `${databaseName}-edits`,
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
        name: databaseName,
        onVersionChange: () => {
          database = null;
          store.dispatch({ type: 'saveFailed', failure: storageFailure('version') });
        },
      });
      await seedIfNeeded(database, options.loadSample, options.sampleName);
      const [savedLayers, savedAuthor] = await Promise.all([
        readMeta<unknown>(database, LAYER_SETTINGS_META_KEY),
        readMeta<unknown>(database, JOURNAL_AUTHOR_META_KEY),
      ]);
      if (typeof savedAuthor === 'string' && savedAuthor.trim() !== '') author = savedAuthor;
      await streamRecordsInto(store, database, restoreLayerSettings(savedLayers));
      void requestPersistence().then((persistence) => store.dispatch({ type: 'persistenceKnown', persistence }));
    } catch (error) {
      const failure = error instanceof StorageFailureError ? error.failure : classifyStorageError(error);
      store.dispatch({ type: 'loadFailed', failure });
    }
  })();

  /** Queues one edit; edits are written one after another in the order they were made. */
  function enqueue(buildEdit: () => Edit, images?: ImageChanges, writeEdit?: SaveOptions['writeEdit']): Promise<void> {
    store.dispatch({ type: 'saveStarted' });
    const run = async () => {
      if (!database) throw new StorageFailureError(storageFailure('version'));
      if (writeEdit) await writeEdit(buildEdit(), databaseName);
      else if (images) await saveEditWithImages(database, buildEdit(), images);
      else await saveEdit(database, buildEdit());
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

  /** A checkpoint made by the system; ids follow the order in which they were made. */
  function automaticCheckpoint(name: string): CheckpointInput {
    lastCheckpointTime = Math.max(Date.now(), lastCheckpointTime + 1);
    return { id: createCheckpointId(lastCheckpointTime), name, at: now().toISOString(), author, automatic: true };
  }

  /** Applies an edit to the store at once, and queues its write with its journal entries (one transaction). */
  function commit(changes: readonly RecordChanges[], action: string | undefined, saveOptions: SaveOptions = {}): Promise<void> {
    const records = store.getState().records as Record<string, readonly StoredRecord[]>;
    const context: JournalContext = journalContextOf(records, changes, now().toISOString(), author, action);
    if (saveOptions.yieldBeforeApplying) {
      // The journal and the append checks are computed in slices (tasks of their own), and the store updated in the task after the last one.
      return prepareEditInSlices(changes, context, records)
        .then((prepared) => new Promise<PreparedEdit>((resolve) => setTimeout(() => resolve(prepared), 0)))
        .then((prepared) => apply(changes, prepared, action, saveOptions));
    }
    return apply(changes, { journal: buildJournalEntries(changes, context), appendsTo: [] }, action, saveOptions);
  }

  /** Applies an edit whose journal is built to the store, and queues its write. */
  function apply(changes: readonly RecordChanges[], { journal, appendsTo }: PreparedEdit, action: string | undefined, saveOptions: SaveOptions): Promise<void> {
    const checkpointName = saveOptions.checkpointName
      ?? (action === JOURNAL_ACTIONS.import || isSummarised(journal) ? `${journal[0]?.action ?? action ?? JOURNAL_ACTIONS.update}前自动还原点` : undefined);
    changes.forEach((change, index) => {
      const appends = appendsTo[index];
      store.dispatch({ type: 'recordsChanged', kind: change.kind, put: change.put, deleted: change.delete ?? [], ...(appends ? { appendsTo: appends } : {}) });
    });
    saveOptions.onApplied?.();
    return enqueue(() => ({
      changes: changes.map((change) => ({ kind: change.kind, put: change.put, delete: change.delete ?? [] })),
      journal,
      ...(checkpointName ? { checkpoint: automaticCheckpoint(checkpointName) } : {}),
    }), saveOptions.images, saveOptions.writeEdit).then(() => {
      broadcast.announceEdit(changes.map((change) => ({ kind: change.kind, putIds: change.put.map((record) => record.id), deletedIds: [...(change.delete ?? [])] })));
    });
  }

  /** Reads storage once every queued edit has been written. */
  async function afterQueuedWrites<T>(read: (target: ProjectDatabase) => Promise<T>): Promise<T> {
    await opened;
    await writeQueue;
    if (!database) throw new StorageFailureError(storageFailure('version'));
    return read(database);
  }

  /** Layer settings are saved as they are when the write runs, so fast slider moves coalesce. */
  function saveLayerSettings(): Promise<void> {
    return enqueue(() => ({ changes: [], meta: { [LAYER_SETTINGS_META_KEY]: store.getState().layers } }));
  }

  return {
    store,
    statistics,
    opened,
    now,
    saveRecords(kind, put, deleted = [], action) {
      return commit([{ kind, put, delete: deleted }], action);
    },
    saveChanges(changes, action, saveOptions) {
      return commit(changes, action, saveOptions);
    },
    author: () => author,
    setAuthor(name) {
      const trimmed = name.trim().slice(0, MAX_AUTHOR_LENGTH);
      author = trimmed === '' ? DEFAULT_AUTHOR : trimmed;
      return enqueue(() => ({ changes: [], meta: { [JOURNAL_AUTHOR_META_KEY]: author } }));
    },
    readRecordHistory: (kind, recordId) => afterQueuedWrites((target) => readRecordJournal(target, kind, recordId)),
    readJournalAfter: (seq) => afterQueuedWrites((target) => readJournalAfter(target, seq)),
    listCheckpoints: () => afterQueuedWrites(listCheckpoints),
    readCheckpointSnapshot: (checkpointId) => afterQueuedWrites((target) => readCheckpointSnapshot(target, checkpointId)),
    createCheckpoint(name) {
      lastCheckpointTime = Math.max(Date.now(), lastCheckpointTime + 1);
      const checkpoint: CheckpointInput = { id: createCheckpointId(lastCheckpointTime), name, at: now().toISOString(), author, automatic: false };
      return enqueue(() => ({ changes: [], checkpoint }));
    },
    backupStatus: () => afterQueuedWrites(async (target) => {
      const lastBackupAt = (await readMeta<string>(target, LAST_BACKUP_META_KEY)) ?? null;
      return { lastBackupAt, editsSince: await countEditsSince(target, lastBackupAt ?? undefined) };
    }),
    recordBackupExported() {
      return enqueue(() => ({ changes: [], meta: { [LAST_BACKUP_META_KEY]: now().toISOString() } }));
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
    async readSetting<T>(key: string) {
      await opened;
      return database ? readMeta<T>(database, key) : undefined;
    },
    saveSetting(key, value) {
      return enqueue(() => ({ changes: [], meta: { [key]: value } }));
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
    async replaceEverything(records, meta, replaceOptions = {}) {
      await opened;
      const target = database;
      if (!target) throw new StorageFailureError(storageFailure('version'));
      store.dispatch({ type: 'saveStarted' });
      try {
        // Behind any queued edit, so an older edit cannot land on top of the restored project.
        await writeQueue;
        const at = now().toISOString();
        const entry: JournalEntryInput = {
          at, author, action: replaceOptions.action ?? JOURNAL_ACTIONS.restore, kind: null, recordId: null, before: null, after: null, editId: createEditId(Date.now()),
        };
        await replaceEverything(target, records, meta, RECORD_KINDS.filter((kind) => kind in records), {
          journal: [entry],
          ...(replaceOptions.checkpointName ? { checkpoint: automaticCheckpoint(replaceOptions.checkpointName) } : {}),
          ...(replaceOptions.snapshot ? { snapshot: replaceOptions.snapshot } : {}),
        });
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
      statistics.dispose();
      broadcast.close();
      database?.close();
      database = null;
    },
  };
}
