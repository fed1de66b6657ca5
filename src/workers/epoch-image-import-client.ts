/**
 * Prepares epoch image files in a module worker (decoding a GeoTIFF and warping it can take
 * seconds), or on the calling thread where module workers are unavailable. The file's bytes are
 * copied to the worker, so the caller keeps its buffer.
 */
import { wrap } from 'comlink';
import { prepareEpochImage, type EpochImageFile, type PreparedEpochImageResult } from './epoch-image-import-api';
import { createCanvasImageCodec } from './epoch-image-codec';
import { startModuleWorker } from './module-worker';

export type { EpochImageFile, PicturePlacement, PreparedEpochImage, PreparedEpochImageResult } from './epoch-image-import-api';

export interface EpochImageImporter {
  prepare(input: EpochImageFile): Promise<PreparedEpochImageResult>;
  dispose(): void;
}

export function createEpochImageImporter(): EpochImageImporter {
  const inProcess = (): EpochImageImporter => {
    const codec = createCanvasImageCodec();
    return { prepare: (input) => prepareEpochImage(input, codec), dispose: () => undefined };
  };
  const started = startModuleWorker(() => new Worker(new URL('./epoch-image-import.worker.ts', import.meta.url), { type: 'module', name: 'epoch-image-import' }), '影像处理线程出错：');
  if (!started) return inProcess();
  const remote = wrap<{ prepare(input: EpochImageFile): Promise<PreparedEpochImageResult> }>(started.worker);
  return {
    prepare: (input) => Promise.race([remote.prepare(input), started.failure]),
    dispose: started.close,
  };
}
