/**
 * The statistics worker (a Vite module worker): exposes {@link createStatisticsWorkerApi} through
 * comlink. Create it with `createStatisticsClient()` from `statistics-client.ts`.
 */
import { expose } from 'comlink';
import { createStatisticsWorkerApi } from './statistics-worker-api';

expose(createStatisticsWorkerApi());
