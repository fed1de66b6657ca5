import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openProjectDatabase } from '../storage/database';
import { LOAD_CHUNK_RECORDS } from '../storage/chunked-read';
import type { ModelledKind } from '../domain/records';
import { DENSE_KINDS, loadRecords } from './project-loading';
import type { ProjectRecords } from './project-state';

async function databaseWith(violations: number, zones: number) {
  const database = await openProjectDatabase({ name: `loading-${Math.random().toString(36).slice(2)}` });
  const transaction = database.transaction(['violations', 'zones'], 'readwrite');
  for (let index = 0; index < violations; index += 1) void transaction.objectStore('violations').put({ id: `v-${String(index).padStart(6, '0')}` });
  for (let index = 0; index < zones; index += 1) void transaction.objectStore('zones').put({ id: `z-${index}` });
  await transaction.done;
  return database;
}

describe('loadRecords', () => {
  it('reports every kind but the dense ones first, then the dense ones chunk by chunk', async () => {
    const violations = LOAD_CHUNK_RECORDS * 2 + 7;
    const database = await databaseWith(violations, 3);
    const parts: { records: ProjectRecords; pending: readonly ModelledKind[] }[] = [];
    const progress: number[] = [];
    const records = await loadRecords(database, {
      onFirstPart: (partial, pending) => parts.push({ records: partial, pending }),
      onProgress: (read) => progress.push(read),
    });
    expect(parts).toHaveLength(1);
    const first = parts[0]!;
    expect(first.pending).toEqual(DENSE_KINDS);
    expect(first.records.zones.map((zone) => zone.id).sort()).toEqual(['z-0', 'z-1', 'z-2']);
    expect(first.records.violations).toEqual([]);
    // The small kinds' arrays are the ones of the result (the map keeps what it built).
    expect(records.zones).toBe(first.records.zones);
    expect(records.violations).toHaveLength(violations);
    expect(records.violations[violations - 1]?.id).toBe(`v-${String(violations - 1).padStart(6, '0')}`);
    expect(progress).toEqual([LOAD_CHUNK_RECORDS, LOAD_CHUNK_RECORDS * 2, violations]);
    database.close();
  });

  it('reads everything in one part without a stream', async () => {
    const database = await databaseWith(12, 2);
    const records = await loadRecords(database);
    expect(records.violations).toHaveLength(12);
    expect(records.zones).toHaveLength(2);
    database.close();
  });
});
