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
