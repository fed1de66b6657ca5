import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../domain/record-kinds';
import { openProjectDatabase } from './database';
import { readAll, readMeta, saveEdit } from './repository';
import { INDEXES_V2, META_STORE, SCHEMA_VERSION, runMigrations } from './schema';
import { isSeeded, seedIfNeeded } from './seed';
import { StorageFailureError } from './storage-error';

let databaseCounter = 0;
function createDatabaseName(): string {
  databaseCounter += 1;
  return `test-${databaseCounter}-${Math.random().toString(36).slice(2)}`;
}

function createViolationRecord(id: string, status = '发现') {
  return { id, type: 'Feature', geometry: null, properties: { status, townshipId: 't-1', villageId: 'vl-1' } };
}

/** Builds a database at schema version 1 holding one violation, as the first release left it. */
async function createVersionOneFixture(name: string): Promise<void> {
  const database = await openDB(name, 1, {
    upgrade(db, oldVersion, newVersion, transaction) {
      runMigrations({ database: db as unknown as IDBDatabase, transaction: transaction as unknown as IDBTransaction }, oldVersion, 1);
    },
  });
  await database.put('violations', createViolationRecord('v-1', '认定'));
  await database.put(META_STORE, { key: 'seededFrom', value: 'fixture' });
  database.close();
}

describe('schema migrations', () => {
  it('creates every record kind store and the meta store on a new database', async () => {
    const database = await openProjectDatabase({ name: createDatabaseName() });
    for (const kind of RECORD_KINDS) expect(database.objectStoreNames.contains(kind)).toBe(true);
    expect(database.objectStoreNames.contains(META_STORE)).toBe(true);
    expect(database.version).toBe(SCHEMA_VERSION);
    database.close();
  });

  it('migrates a version 1 database to the current version keeping its records and adding indexes', async () => {
    const name = createDatabaseName();
    await createVersionOneFixture(name);
    const database = await openProjectDatabase({ name });
    expect(await readAll(database, 'violations')).toEqual([createViolationRecord('v-1', '认定')]);
    expect(await readMeta(database, 'seededFrom')).toBe('fixture');
    const transaction = database.transaction('violations');
    for (const indexName of Object.keys(INDEXES_V2.violations ?? {})) {
      expect(transaction.store.indexNames.contains(indexName)).toBe(true);
    }
    expect(await transaction.store.index('status').count('认定')).toBe(1);
    database.close();
  });

  it('reports a newer schema in the browser as a version failure', async () => {
    const name = createDatabaseName();
    (await openProjectDatabase({ name })).close();
    const failure = await openProjectDatabase({ name, version: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFailureError);
    expect((failure as StorageFailureError).failure.kind).toBe('version');
  });

  it('reports an upgrade blocked by an old connection that will not close', async () => {
    const name = createDatabaseName();
    const old = await openDB(name, 1, {
      upgrade(db, oldVersion, newVersion, transaction) {
        runMigrations({ database: db as unknown as IDBDatabase, transaction: transaction as unknown as IDBTransaction }, oldVersion, 1);
      },
    });
    const failure = await openProjectDatabase({ name, blockedTimeoutMilliseconds: 50 }).catch((error: unknown) => error);
    expect((failure as StorageFailureError).failure.kind).toBe('blocked');
    old.close();
  });
});

describe('saveEdit', () => {
  it('writes puts, deletes and meta of one edit together', async () => {
    const database = await openProjectDatabase({ name: createDatabaseName() });
    await saveEdit(database, { changes: [{ kind: 'violations', put: [createViolationRecord('a'), createViolationRecord('b')] }] });
    await saveEdit(database, {
      changes: [{ kind: 'violations', put: [createViolationRecord('c')], delete: ['a'] }],
      meta: { layerSettings: { violations: { visible: false } } },
    });
    const ids = (await readAll(database, 'violations')).map((record) => record.id).sort();
    expect(ids).toEqual(['b', 'c']);
    expect(await readMeta(database, 'layerSettings')).toEqual({ violations: { visible: false } });
    database.close();
  });

  it('stores nothing of an edit when one of its records is rejected', async () => {
    const database = await openProjectDatabase({ name: createDatabaseName() });
    const invalid = { notAnId: true } as unknown as { id: string };
    const failure = await saveEdit(database, {
      changes: [
        { kind: 'zones', put: [{ id: 'z-1' }] },
        { kind: 'violations', put: [createViolationRecord('ok'), invalid] },
      ],
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageFailureError);
    expect(await readAll(database, 'zones')).toEqual([]);
    expect(await readAll(database, 'violations')).toEqual([]);
    database.close();
  });
});

describe('seedIfNeeded', () => {
  it('seeds once and never again, even after the user deleted the records', async () => {
    const database = await openProjectDatabase({ name: createDatabaseName() });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { violations: [createViolationRecord('v-1')], zones: [{ id: 'z-1' }] };
    };
    expect(await seedIfNeeded(database, load, 'sample')).toBe(true);
    expect(await isSeeded(database)).toBe(true);
    await saveEdit(database, { changes: [{ kind: 'violations', delete: ['v-1'] }] });
    expect(await seedIfNeeded(database, load, 'sample')).toBe(false);
    expect(loads).toBe(1);
    expect(await readAll(database, 'violations')).toEqual([]);
    expect(await readAll(database, 'zones')).toEqual([{ id: 'z-1' }]);
    database.close();
  });
});
