/**
 * The import pipeline the dialog and the test handle share: the files are read, checked
 * (validated, repaired, normalised into records of the chosen kind, with the chosen field
 * mapping) in the import worker; the accepted records come back in slices and are stored in one
 * transaction. A file that cannot be read stops the whole import (nothing is stored); a rejected
 * feature is listed in the report and the rest is imported.
 */
import type { CoordinateSystem } from '../domain/coordinate-system';
import type { ModelledKind } from '../domain/records';
import { guessMapping, type FieldMapping } from './import-field-mapping';
import { createImportClient, type ImportClient } from './import-pipeline-client';
import type { ImportReport } from './import-report';
import { emptyReport, type CheckRequest, type CheckResult, type ProgressListener } from './import-session';
import type { FileLike } from './import-sources';
import type { ProjectService } from './project-service';
import { isImportableKind } from './record-normalisers';
import { isoDateOf } from './violation-commands';
import type { StoredRecord } from '../storage/repository';

export type { ImportItem, ImportReport, ImportSourceSummary } from './import-report';
export type { FileLike } from './import-sources';

export interface ImportOptions {
  /** Overrides the coordinate system of every file (the user's choice when detection can't decide). */
  coordinateSystem?: CoordinateSystem;
}

/**
 * Records per message from the worker (packed, see record-packing.ts): receiving and unpacking a
 * slice of 1,000 takes the main thread ~6 ms on average, GC included (Node benchmark). Re-measured
 * packed in Chromium (100,000 records, loaded machine): slices of 100–1,000 gave the same scavenges
 * within the noise, 5,000 about twice their sum (~280 ms against 110–230 ms), so 1,000 stays.
 */
export const TRANSFER_SLICE = 1000;

/** Resolves in a later task (a macrotask), so the work after it does not add to the current task. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A performance mark `import:<step>` (read, check, checked, transfer, store, write, written, stored) on the page's
 * timeline, so benchmarks can attribute main-thread tasks to the steps of an import.
 */
export function markImport(step: string): void {
  globalThis.performance?.mark?.(`import:${step}`);
}

/** What the check needs from the project: the kind's stored ids and the boundaries that locate features. */
export async function checkRequestFor(service: ProjectService, kind: string, mapping: FieldMapping, splitBowTies = false): Promise<CheckRequest> {
  await service.opened;
  const state = service.store.getState();
  const records = (state.records as unknown as Record<string, readonly { id: string }[] | undefined>)[kind] ?? [];
  return {
    kind, mapping, existingIds: records.map((record) => record.id),
    townships: state.records.townships, villages: state.records.villages,
    isoDate: isoDateOf(service.now()), stamp: service.now().getTime().toString(36), splitBowTies,
  };
}

/**
 * Takes the checked records from the worker in slices and stores them in one transaction; resolves
 * with the final report. A failed save stores nothing and says so in the report.
 */
export async function storeCheckedImport(service: ProjectService, client: ImportClient, checked: CheckResult, onProgress?: ProgressListener, onShown?: () => void): Promise<ImportReport> {
  const { report, accepted } = checked;
  if (report.errors.length > 0 || accepted === 0) return report;
  const records: StoredRecord[] = [];
  markImport('transfer');
  for (let start = 0; start < accepted; start += TRANSFER_SLICE) {
    onProgress?.({ stage: 'transfer', done: start, total: accepted });
    records.push(...(await client.takeRecords(start, TRANSFER_SLICE)));
  }
  onProgress?.({ stage: 'store', done: 0, total: accepted });
  // The last slice arrived in this task (its reply deserialised here): the save — journal, store
  // update, first write slice — starts in a task of its own.
  await nextTask();
  markImport('store');
  try {
    // The worker that holds the records writes them: the main thread only updates the store.
    await service.saveChanges([{ kind: report.kind as ModelledKind, put: records, delete: [] }], '导入', {
      yieldBeforeApplying: true,
      ...(onShown ? { onApplied: onShown } : {}),
      writeEdit: async (edit, databaseName) => {
        markImport('write');
        await client.store(edit, databaseName, onProgress);
        markImport('written');
      },
    });
    markImport('stored');
  } catch (error) {
    return { ...report, errors: [`保存失败，未导入任何要素：${(error as Error).message}`] };
  }
  onProgress?.({ stage: 'store', done: accepted, total: accepted });
  return { ...report, imported: accepted };
}

/**
 * Imports the files into the kind without asking anything: fields mapped by their names, the
 * coordinate system decided by the file or its numbers unless `options` chooses one.
 */
export async function importFiles(service: ProjectService, files: readonly FileLike[], kind: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (!isImportableKind(kind)) return emptyReport(kind, [`「${kind}」类型暂不支持导入`]);
  const client = createImportClient();
  try {
    const read = await client.read(files, options.coordinateSystem);
    if (!read.ok) return emptyReport(kind, [read.error]);
    const checked = await client.check(await checkRequestFor(service, kind, guessMapping(kind, read.fields)));
    return await storeCheckedImport(service, client, checked);
  } finally {
    client.cancel();
  }
}
