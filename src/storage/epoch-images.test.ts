import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openProjectDatabase } from './database';
import { readEpochImage, saveEpochsWithImages } from './epoch-images';
import { readAll, readMeta } from './repository';
import { EPOCH_IMAGES_STORE, SCHEMA_VERSION, runMigrations } from './schema';

let counter = 0;
function createDatabaseName(): string {
  counter += 1;
  return `epoch-images-${counter}-${Math.random().toString(36).slice(2)}`;
}

function createImage(epochId: string, byte = 7) {
  return { epochId, mimeType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, byte]).buffer };
}

describe('schema version 3', () => {
  it('adds the epoch image store to a version 2 database and keeps its records', async () => {
    const name = createDatabaseName();
    const old = await openDB(name, 2, {
      upgrade(db, oldVersion, newVersion, transaction) {
        runMigrations({ database: db as unknown as IDBDatabase, transaction: transaction as unknown as IDBTransaction }, oldVersion, 2);
      },
    });
    await old.put('epochs', { id: 'e-1', name: '旧时相' });
    expect(old.objectStoreNames.contains(EPOCH_IMAGES_STORE)).toBe(false);
    old.close();
    const database = await openProjectDatabase({ name });
    expect(database.version).toBe(SCHEMA_VERSION);
    expect(database.objectStoreNames.contains(EPOCH_IMAGES_STORE)).toBe(true);
    expect(await readAll(database, 'epochs')).toEqual([{ id: 'e-1', name: '旧时相' }]);
    expect(await readEpochImage(database, 'e-1')).toBeNull();
    database.close();
  });
});

describe('epoch images', () => {
  it('stores epochs, images and meta together and reads an image back byte for byte', async () => {
    const database = await openProjectDatabase({ name: createDatabaseName() });
    await saveEpochsWithImages(database, [{ id: 'e-1' }, { id: 'e-2' }], [createImage('e-1', 1), createImage('e-2', 2)], { sampleEpochs: 'sample' });
    const image = await readEpochImage(database, 'e-2');
    expect(image?.mimeType).toBe('image/png');
    expect([...new Uint8Array(image!.bytes)]).toEqual([137, 80, 78, 71, 2]);
    expect((await readAll(database, 'epochs')).map((epoch) => epoch.id).sort()).toEqual(['e-1', 'e-2']);
    expect(await readMeta(database, 'sampleEpochs')).toBe('sample');
    database.close();
  });

  it('stores nothing when one image is rejected', async () => {
    const database = await openProjectDatabase({ name: createDatabaseName() });
    const invalid = { mimeType: 'image/png', bytes: new ArrayBuffer(1) } as unknown as ReturnType<typeof createImage>;
    const failure = await saveEpochsWithImages(database, [{ id: 'e-1' }], [createImage('e-1'), invalid], { sampleEpochs: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await readAll(database, 'epochs')).toEqual([]);
    expect(await readEpochImage(database, 'e-1')).toBeNull();
    expect(await readMeta(database, 'sampleEpochs')).toBeUndefined();
    database.close();
  });
});
