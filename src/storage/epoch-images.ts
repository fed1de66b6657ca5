/**
 * The image bytes of imagery epochs, in their own store (schema version 3) so that the `epochs`
 * records stay small JSON that loads with every other kind. Images are read one at a time, when a
 * view shows the epoch.
 */
import type { ProjectDatabase } from './database';
import { StorageFailureError, classifyStorageError } from './storage-error';
import { EPOCH_IMAGES_STORE, META_STORE } from './schema';
import { ignoreRequestError, writeAtomically, type StoredRecord } from './repository';

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
