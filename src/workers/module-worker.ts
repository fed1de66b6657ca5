/** Starting a module worker, with a promise that rejects when the worker fails (for the calls in flight to race). */

export interface StartedWorker {
  worker: Worker;
  /** Rejects with `failurePrefix` + the error message if the worker fails; never resolves. */
  failure: Promise<never>;
  close(): void;
}

/**
 * Starts a module worker with `create` — the `new Worker(new URL(…, import.meta.url))` expression
 * stays at the call site, where the bundler finds the worker — or returns null where module
 * workers are unavailable (Node, old browsers), so the caller runs the same code in process.
 */
export function startModuleWorker(create: () => Worker, failurePrefix: string): StartedWorker | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = create();
  } catch {
    return null;
  }
  const failure = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(`${failurePrefix}${event.message}`)));
  });
  // The failure is awaited only by calls in flight; an idle failure must not be reported as unhandled.
  failure.catch(() => undefined);
  return { worker, failure, close: () => worker.terminate() };
}
