/**
 * A typed client for change detection: the pipeline in a module worker (comlink), or on the
 * calling thread where module workers are unavailable. The client sends an epoch's image bytes
 * only the first time (the worker keeps the decoded image), as a copy, so the caller keeps its
 * buffer.
 */
import { wrap, type Remote } from 'comlink';
import { createChangeDetectionApi, type ChangeDetectionApi, type DetectionRequest, type DetectionResponse, type EpochRasterSource } from './change-detection-api';
import { createBitmapRasterReader } from './change-detection-bitmap-reader';
import { startModuleWorker } from './module-worker';

export type { DetectionRequest, DetectionResponse, EpochRasterSource };

export interface ChangeDetectionClient {
  detect(request: DetectionRequest): Promise<DetectionResponse>;
  /** Stops the worker; later calls reject. Idempotent. */
  dispose(): void;
}

/** A client over any API (a comlink remote or the API itself), sending image bytes once per epoch. */
export function createClientOnApi(api: ChangeDetectionApi | Remote<ChangeDetectionApi>, options: { failure?: Promise<never>; close?: () => void } = {}): ChangeDetectionClient {
  const sent = new Map<string, ArrayBuffer>();
  let disposed = false;
  const trim = (source: EpochRasterSource): EpochRasterSource => {
    // A new buffer for the same epoch (the image was replaced) is sent again.
    if (source.bytes && sent.get(source.epochId) === source.bytes) return { epochId: source.epochId, grid: source.grid, mimeType: source.mimeType };
    if (source.bytes) sent.set(source.epochId, source.bytes);
    return source;
  };
  return {
    async detect(request) {
      if (disposed) throw new Error('change detection client: disposed');
      const run = Promise.resolve(api.detect({ ...request, before: trim(request.before), after: trim(request.after) }));
      const response = await (options.failure ? Promise.race([run, options.failure]) : run);
      if (!response.ok) {
        // The worker may not hold what it was sent (a failed decode): send the bytes again next time.
        sent.delete(request.before.epochId);
        sent.delete(request.after.epochId);
      }
      return response;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      options.close?.();
    },
  };
}

export function createChangeDetectionClient(): ChangeDetectionClient {
  const inProcess = () => createClientOnApi(createChangeDetectionApi(createBitmapRasterReader()));
  const started = startModuleWorker(() => new Worker(new URL('./change-detection.worker.ts', import.meta.url), { type: 'module', name: 'change-detection' }), '变化检测线程出错：');
  if (!started) return inProcess();
  return createClientOnApi(wrap<ChangeDetectionApi>(started.worker), { failure: started.failure, close: started.close });
}
