/**
 * The import preview shared between the import dialog (which sets it after a check) and the map
 * of the workspace (which draws it): the checked features as GeoJSON, where they are, and how many
 * of each status. One preview at a time; `null` when there is none (cancelled, stored, closed).
 */
export interface ImportPreview {
  /** An object URL of the preview FeatureCollection (features carry `status`: accepted / repaired / rejected). */
  url: string;
  /** [west, south, east, north], or null when nothing can be drawn. */
  bbox: [number, number, number, number] | null;
  /** Accepted features are marker points (`marker: true`) instead of shapes (a large import). */
  markers: boolean;
}

export interface ImportPreviewStore {
  get(): ImportPreview | null;
  set(preview: ImportPreview | null): void;
  subscribe(listener: () => void): () => void;
  /**
   * A preview may come soon (the import dialog opened): the map prepares to draw one (compiles
   * its programs now, not in the middle of an import). Counted, so listeners can tell each time.
   */
  expect(): void;
  /** How many times {@link expect} was called. */
  expected(): number;
  /** A map starts drawing `preview` (its worker parses and tiles it meanwhile). */
  drawing(preview: ImportPreview): void;
  /** A map has `preview` on screen (or stopped drawing it). */
  drawn(preview: ImportPreview): void;
  /**
   * Resolves once no map is still drawing the current preview — at once when none draws it — or
   * after `limitMs`. A big import's records move to the main thread after it: while MapLibre's
   * workers parse and tile a 100,000-feature preview they hold both cores, and the main thread's
   * garbage collections of the arriving records then took over 100 ms.
   */
  settled(limitMs: number): Promise<void>;
}

export function createImportPreviewStore(): ImportPreviewStore {
  let current: ImportPreview | null = null;
  let expectations = 0;
  /** The previews a map is drawing and has not drawn yet. */
  const inProgress = new Set<ImportPreview>();
  const waiters = new Set<() => void>();
  const wake = () => {
    if (current !== null && inProgress.has(current)) return;
    for (const waiter of [...waiters]) waiter();
  };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    drawing(preview) {
      inProgress.add(preview);
    },
    drawn(preview) {
      inProgress.delete(preview);
      wake();
    },
    settled(limitMs) {
      if (current === null || !inProgress.has(current)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, limitMs);
        waiters.add(done);
      });
    },
    expect() {
      expectations += 1;
      for (const listener of [...listeners]) listener();
    },
    expected: () => expectations,
    set(preview) {
      if (preview === current) return;
      current = preview;
      wake();
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The app's one import preview. */
export const importPreviewStore = createImportPreviewStore();
