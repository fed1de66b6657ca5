/**
 * A typed client for one import: the {@link ImportSession} in a module worker (comlink), or on the
 * calling thread where module workers are unavailable (Node tests). The records come over packed
 * (see record-packing.ts) and are unpacked here — in process too, so that tests run the same path —
 * with their geometries left packed until something reads them (lazy-geometry.ts).
 * `cancel` really stops the work — it terminates the worker — and every call in flight rejects
 * with {@link ImportCancelledError}; but a write in progress is never cut off (the page already
 * shows its records): the worker is terminated once it has committed or failed.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { CoordinateSystem } from '../domain/coordinate-system';
import type { FileLike } from './import-sources';
import { ImportSession, type CheckRequest, type CheckResult, type ProgressListener, type ReadResult } from './import-session';
import type { Edit, StoredRecord } from '../storage/repository';
import { StorageFailureError } from '../storage/storage-error';
import { importWriteRequestOf, journalBatches } from './import-write';
import { startModuleWorker } from '../workers/module-worker';
import { unpackRecords } from '../workers/record-packing';

export class ImportCancelledError extends Error {
  constructor() {
    super('导入已取消');
    this.name = 'ImportCancelledError';
  }
}

export interface ImportClient {
  read(files: readonly FileLike[], chosen?: CoordinateSystem, onProgress?: ProgressListener): Promise<ReadResult>;
  check(request: CheckRequest, onProgress?: ProgressListener): Promise<CheckResult>;
  /** A slice of the records the last check accepted. */
  takeRecords(start: number, count: number): Promise<StoredRecord[]>;
  /**
   * Writes `edit` — the records the last check accepted (all of them taken, the same as its puts),
   * its journal and checkpoint — from the worker, in one transaction on `databaseName`. Rejects
   * with a StorageFailureError, and then nothing is stored.
   */
  store(edit: Edit, databaseName: string, onProgress?: ProgressListener): Promise<void>;
  /** Stops the import (terminates the worker); calls in flight reject. Idempotent. */
  cancel(): void;
  readonly cancelled: boolean;
}

type SessionApi = Pick<ImportSession, 'read' | 'check' | 'takePackedRecords' | 'recordCount' | 'stageJournal' | 'storeAccepted'>;

function clientOn(session: SessionApi | Remote<ImportSession>, options: { wrapListener(listener: ProgressListener): ProgressListener; failure?: Promise<never>; close?: () => void }): ImportClient {
  let cancelled = false;
  let storing = false;
  let rejectCancelled: (error: Error) => void = () => undefined;
  const cancellation = new Promise<never>((_, reject) => {
    rejectCancelled = reject;
  });
  cancellation.catch(() => undefined);
  const guard = <T>(work: () => Promise<T> | T): Promise<T> => {
    if (cancelled) return Promise.reject(new ImportCancelledError());
    const racers: Promise<T>[] = [Promise.resolve().then(work), cancellation];
    if (options.failure) racers.push(options.failure);
    return Promise.race(racers);
  };
  const listen = (listener: ProgressListener | undefined) => (listener ? options.wrapListener(listener) : undefined);
  return {
    read: (files, chosen, onProgress) => guard(() => session.read(files as FileLike[], chosen, listen(onProgress)) as Promise<ReadResult>),
    check: (request, onProgress) => guard(() => session.check(request, listen(onProgress)) as CheckResult | Promise<CheckResult>),
    takeRecords: (start, count) => guard(async (): Promise<StoredRecord[]> => unpackRecords(await session.takePackedRecords(start, count), { lazyGeometry: true })),
    async store(edit, databaseName, onProgress) {
      if (cancelled) throw new ImportCancelledError();
      storing = true;
      try {
        const write = (async () => {
          const request = importWriteRequestOf(edit, databaseName, await session.recordCount());
          for (const batch of journalBatches(edit.journal ?? [])) await session.stageJournal(batch);
          return session.storeAccepted(request, listen(onProgress));
        })();
        const outcome = await (options.failure ? Promise.race([write, options.failure]) : write);
        if (!outcome.ok) throw new StorageFailureError(outcome.failure);
      } finally {
        storing = false;
        if (cancelled) options.close?.();
      }
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      if (!storing) options.close?.();
      rejectCancelled(new ImportCancelledError());
    },
    get cancelled() {
      return cancelled;
    },
  };
}

/** The session on the calling thread, behind the same interface. */
export function createInProcessImportClient(): ImportClient {
  return clientOn(new ImportSession(), { wrapListener: (listener) => listener });
}

/** The import client for the app: the session in a module worker, on the main thread where there are none. */
export function createImportClient(): ImportClient {
  const started = startModuleWorker(() => new Worker(new URL('./import-pipeline.worker.ts', import.meta.url), { type: 'module', name: 'import' }), '导入线程出错：');
  if (!started) return createInProcessImportClient();
  return clientOn(wrap<ImportSession>(started.worker), { wrapListener: (listener) => proxy(listener), failure: started.failure, close: started.close });
}
