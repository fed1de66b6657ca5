import { describe, expect, test } from 'vitest';
import { createImportPreviewStore } from './import-preview';

describe('import preview store', () => {
  test('a preview expected is counted and heard by the listeners, without setting a preview', () => {
    const store = createImportPreviewStore();
    const heard: number[] = [];
    const stop = store.subscribe(() => heard.push(store.expected()));
    store.expect();
    store.expect();
    stop();
    store.expect();
    expect(heard).toEqual([1, 2]);
    expect(store.expected()).toBe(3);
    expect(store.get()).toBeNull();
  });
});

describe('waiting for the map to draw the preview', () => {
  const preview = () => ({ url: 'blob:preview', bbox: null, markers: true });

  test('resolves at once when no map draws the current preview', async () => {
    const store = createImportPreviewStore();
    await expect(store.settled(60_000)).resolves.toBeUndefined();
    const shown = preview();
    store.set(shown);
    await expect(store.settled(60_000)).resolves.toBeUndefined();
    // A map drawing another (older) preview does not hold the current one.
    store.drawing(preview());
    await expect(store.settled(60_000)).resolves.toBeUndefined();
  });

  test('waits while a map draws the current preview, until it is drawn or replaced', async () => {
    const store = createImportPreviewStore();
    const shown = preview();
    store.set(shown);
    store.drawing(shown);
    let settled = false;
    const waiting = store.settled(60_000).then(() => { settled = true; });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    store.drawn(shown);
    await waiting;
    expect(settled).toBe(true);

    store.drawing(shown);
    const replaced = store.settled(60_000);
    store.set(null);
    await expect(replaced).resolves.toBeUndefined();
  });

  test('gives up after the limit', async () => {
    const store = createImportPreviewStore();
    const shown = preview();
    store.set(shown);
    store.drawing(shown);
    const started = performance.now();
    await store.settled(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});
