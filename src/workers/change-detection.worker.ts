/**
 * The change-detection worker (a Vite module worker): exposes {@link createChangeDetectionApi} with
 * the browser's image reader through comlink. Create it with `createChangeDetectionClient()`.
 */
import { expose } from 'comlink';
import { createChangeDetectionApi } from './change-detection-api';
import { createBitmapRasterReader } from './change-detection-bitmap-reader';

expose(createChangeDetectionApi(createBitmapRasterReader()));
