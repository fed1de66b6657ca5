/**
 * The import preview shared between the import dialog (which sets it after a check) and the map
 * of the workspace (which draws it): the checked features as GeoJSON, where they are, and how many
 * of each status. One preview at a time; `null` when there is none (cancelled, stored, closed).
 */
export interface ImportPreview {
  /** The preview FeatureCollection (features carry `status`: accepted / repaired / rejected). */
  geojson: Blob;
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
}

export function createImportPreviewStore(): ImportPreviewStore {
  let current: ImportPreview | null = null;
  let expectations = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    expect() {
      expectations += 1;
      for (const listener of [...listeners]) listener();
    },
    expected: () => expectations,
    set(preview) {
      if (preview === current) return;
      current = preview;
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
