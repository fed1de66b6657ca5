/**
 * The import worker (a Vite module worker): one {@link ImportSession} exposed through comlink.
 * Create it with `createImportClient()` from `import-pipeline-client.ts`; cancelling terminates it.
 */
import { expose } from 'comlink';
import { ImportSession } from './import-session';

expose(new ImportSession());
