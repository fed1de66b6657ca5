/**
 * Every earlier schema version, as a fixture database holding records, upgraded to the current
 * version: the records and images are kept, the indexes exist, the new stores are there and work.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../domain/record-kinds';
import { openProjectDatabase, type ProjectDatabase } from './database';
import { readEpochImage } from './epoch-images';
import { readRecordJournal } from './journal';
import { listCheckpoints } from './checkpoints';
import { readAll, readMeta, saveEdit } from './repository';
import { CHECKPOINTS_STORE, EPOCH_IMAGES_STORE, INDEXES_V2, JOURNAL_STORE, KINDS_V1, META_STORE, SCHEMA_VERSION, runMigrations } from './schema';

let counter = 0;
const uniqueName = () => `migration-${(counter += 1)}-${Math.random().toString(36).slice(2)}`;

const violation = (id: string, status: string) => ({ id, type: 'Feature', geometry: null, properties: { status, townshipId: 't-1', villageId: 'vl-1' } });
const zone = { id: 'z-1', type: 'Feature', geometry: null, properties: { name: '旧区块', townshipId: 't-1' } };

/** A database created by the migrations up to `version` (as that release left it), with records in it. */
async function createFixture(name: string, version: number): Promise<void> {
  const database = await openDB(name, version, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      runMigrations({ database: db as unknown as IDBDatabase, transaction: transaction as unknown as IDBTransaction }, oldVersion, version);
    },
  });
  await database.put('violations', violation('v-1', '认定'));
  await database.put('violations', violation('v-2', '已拆除'));
  await database.put('zones', zone);
  await database.put(META_STORE, { key: 'seededFrom', value: `fixture v${version}` });
  if (version >= 3) await database.put(EPOCH_IMAGES_STORE, { epochId: 'e-1', mimeType: 'image/png', bytes: new Uint8Array([1, 2, 3]).buffer });
  database.close();
}

async function expectCurrentSchema(database: ProjectDatabase): Promise<void> {
  expect(database.version).toBe(SCHEMA_VERSION);
  for (const kind of RECORD_KINDS) expect(database.objectStoreNames.contains(kind)).toBe(true);
  for (const store of [META_STORE, EPOCH_IMAGES_STORE, JOURNAL_STORE, CHECKPOINTS_STORE]) expect(database.objectStoreNames.contains(store)).toBe(true);
  const transaction = database.transaction([...Object.keys(INDEXES_V2), JOURNAL_STORE]);
  for (const [kind, indexes] of Object.entries(INDEXES_V2)) {
    for (const [name, keyPath] of Object.entries(indexes ?? {})) expect(transaction.objectStore(kind).index(name).keyPath).toBe(keyPath);
  }
  const journal = transaction.objectStore(JOURNAL_STORE);
  expect(journal.keyPath).toBe('seq');
  expect(journal.autoIncrement).toBe(true);
  expect(journal.index('record').keyPath).toEqual(['kind', 'recordId']);
  expect(journal.index('at').keyPath).toBe('at');
  await transaction.done;
}

describe('migrations from every earlier schema version', () => {
  it('version 1 froze the kinds it created: later kinds come from later migrations', async () => {
    const name = uniqueName();
    await createFixture(name, 1);
    const old = await openDB(name, 1);
    expect([...old.objectStoreNames].sort()).toEqual([...KINDS_V1, META_STORE].sort());
    expect(old.objectStoreNames.contains('redLines')).toBe(false);
    old.close();
  });

  for (const version of [1, 2, 3]) {
    it(`upgrades a version ${version} database to version ${SCHEMA_VERSION}, keeping its data`, async () => {
      const name = uniqueName();
      await createFixture(name, version);
      const database = await openProjectDatabase({ name });
      await expectCurrentSchema(database);
      expect(await readAll(database, 'violations')).toEqual([violation('v-1', '认定'), violation('v-2', '已拆除')]);
      expect(await readAll(database, 'zones')).toEqual([zone]);
      expect(await readAll(database, 'redLines')).toEqual([]);
      expect(await readMeta(database, 'seededFrom')).toBe(`fixture v${version}`);
      // The version-2 indexes cover the records that were there before they existed.
      expect(await database.countFromIndex('violations', 'status', '已拆除')).toBe(1);
      expect(await database.countFromIndex('zones', 'townshipId', 't-1')).toBe(1);
      const image = await readEpochImage(database, 'e-1');
      if (version >= 3) expect([...new Uint8Array(image!.bytes)]).toEqual([1, 2, 3]);
      else expect(image).toBeNull();
      // The new stores work: an edit with its journal entry and a checkpoint.
      await saveEdit(database, {
        changes: [{ kind: 'violations', put: [violation('v-1', '处置中')] }],
        journal: [{ at: '2026-11-21T01:00:00.000Z', author: '测试', action: '修改状态', kind: 'violations', recordId: 'v-1', before: violation('v-1', '认定'), after: violation('v-1', '处置中'), editId: 'edit-1' }],
        checkpoint: { id: 'cp-000000000000001-aaaaaa', name: '升级后', at: '2026-11-21T00:59:00.000Z', author: '测试', automatic: false },
      });
      expect((await readRecordJournal(database, 'violations', 'v-1')).map((entry) => entry.after)).toEqual([violation('v-1', '处置中')]);
      expect((await listCheckpoints(database)).map((checkpoint) => [checkpoint.name, checkpoint.seq])).toEqual([['升级后', 0]]);
      database.close();
    });
  }
});
