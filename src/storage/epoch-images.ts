/**
 * The image bytes of imagery epochs, in their own store (schema version 3) so that the `epochs`
 * records stay small JSON that loads with every other kind. Images are read one at a time, when a
 * view shows the epoch.
 */
import type { ProjectDatabase } from './database';
import { StorageFailureError, classifyStorageError } from './storage-error';
import { CHECKPOINTS_STORE, EPOCH_IMAGES_STORE, JOURNAL_STORE, META_STORE } from './schema';
import { issueCheckpoint } from './checkpoints';
import { addJournalEntries } from './journal';
import { ignoreRequestError, writeAtomically, type Edit, type StoredRecord } from './repository';

/** The encoded image of one epoch (PNG or JPEG bytes as they came). */
export interface EpochImage {
  epochId: string;
  mimeType: string;
  bytes: ArrayBuffer;
}

/** Epoch records with their images, e.g. the sample imagery. */
export interface SampleEpochs {
  epochs: readonly StoredRecord[];
  images: readonly EpochImage[];
}

/** The image of an epoch, or null when none is stored. */
export async function readEpochImage(database: ProjectDatabase, epochId: string): Promise<EpochImage | null> {
  try {
    return ((await database.get(EPOCH_IMAGES_STORE, epochId)) as EpochImage | undefined) ?? null;
  } catch (error) {
    throw new StorageFailureError(classifyStorageError(error));
  }
}

/**
 * Stores epoch records, their images and optional meta entries in one readwrite transaction:
 * all of them or, after a failure (e.g. the quota), none.
 */
export async function saveEpochsWithImages(
  database: ProjectDatabase,
  epochs: readonly StoredRecord[],
  images: readonly EpochImage[],
  meta: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  await writeAtomically(database, ['epochs', EPOCH_IMAGES_STORE, META_STORE], (transaction) => {
    for (const epoch of epochs) transaction.objectStore('epochs').put(epoch).catch(ignoreRequestError);
    for (const image of images) transaction.objectStore(EPOCH_IMAGES_STORE).put(image).catch(ignoreRequestError);
    for (const [key, value] of Object.entries(meta)) transaction.objectStore(META_STORE).put({ key, value }).catch(ignoreRequestError);
  });
}

/** Image bytes to store and keys to delete alongside an edit. */
export interface ImageChanges {
  put: readonly EpochImage[];
  delete?: readonly string[];
}

/**
 * Writes an edit (record changes, meta entries, journal entries and checkpoint, as `saveEdit`
 * does) and image bytes (an epoch's image, a patch's evidence photos) in one readwrite
 * transaction: an epoch with its image, a patch with its photos, a patch deleted with them.
 */
export async function saveEditWithImages(database: ProjectDatabase, edit: Edit, images: ImageChanges): Promise<void> {
  const storeNames = [...new Set<string>(edit.changes.map((change) => change.kind))];
  if (edit.meta) storeNames.push(META_STORE);
  if ((edit.journal?.length ?? 0) > 0 || edit.checkpoint) storeNames.push(JOURNAL_STORE);
  if (edit.checkpoint) storeNames.push(CHECKPOINTS_STORE);
  storeNames.push(EPOCH_IMAGES_STORE);
  await writeAtomically(database, storeNames, (transaction) => {
    if (edit.checkpoint) issueCheckpoint(transaction as never, edit.checkpoint, edit.snapshot);
    if (edit.journal?.length) addJournalEntries(transaction as never, edit.journal);
    for (const change of edit.changes) {
      const store = transaction.objectStore(change.kind);
      for (const id of change.delete ?? []) store.delete(id).catch(ignoreRequestError);
      for (const record of change.put ?? []) store.put(record).catch(ignoreRequestError);
    }
    for (const [key, value] of Object.entries(edit.meta ?? {})) transaction.objectStore(META_STORE).put({ key, value }).catch(ignoreRequestError);
    const imageStore = transaction.objectStore(EPOCH_IMAGES_STORE);
    for (const key of images.delete ?? []) imageStore.delete(key).catch(ignoreRequestError);
    for (const image of images.put) imageStore.put(image).catch(ignoreRequestError);
  });
}
