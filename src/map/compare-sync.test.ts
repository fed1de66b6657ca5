import { describe, expect, it } from 'vitest';
import { syncCameras, type SyncedCamera } from './compare-sync';

/** A camera that fires `move` synchronously on every jump, as MapLibre does. */
function createCamera(center: [number, number], zoom: number) {
  const listeners = new Set<() => void>();
  const state = { center, zoom, bearing: 0, pitch: 0, jumps: 0 };
  const camera: SyncedCamera & { state: typeof state; move(to: Partial<typeof state>): void } = {
    state,
    on: (_, listener) => listeners.add(listener),
    off: (_, listener) => listeners.delete(listener),
    getCenter: () => ({ lng: state.center[0], lat: state.center[1] }),
    getZoom: () => state.zoom,
    getBearing: () => state.bearing,
    getPitch: () => state.pitch,
    jumpTo(options) {
      state.jumps++;
      Object.assign(state, options);
      for (const listener of [...listeners]) listener();
    },
    move(to) {
      Object.assign(state, to);
      for (const listener of [...listeners]) listener();
    },
  };
  return camera;
}

describe('syncCameras', () => {
  it('moves the others to the first camera at once, then follows whichever moves', () => {
    const a = createCamera([120.46, 27.52], 15);
    const b = createCamera([0, 0], 2);
    const stop = syncCameras([a, b]);
    expect(b.state).toMatchObject({ center: [120.46, 27.52], zoom: 15 });
    b.move({ center: [120.47, 27.525], zoom: 16.25, bearing: 12 });
    expect(a.state).toMatchObject({ center: [120.47, 27.525], zoom: 16.25, bearing: 12, pitch: 0 });
    a.move({ zoom: 17.5 });
    expect(b.state.zoom).toBe(17.5);
    stop();
    a.move({ zoom: 10 });
    expect(b.state.zoom).toBe(17.5);
  });

  it('does not echo a jump back to the camera that moved', () => {
    const a = createCamera([1, 1], 5);
    const b = createCamera([1, 1], 5);
    const c = createCamera([1, 1], 5);
    syncCameras([a, b, c]);
    const jumps = [a.state.jumps, b.state.jumps];
    b.move({ zoom: 6 });
    expect(a.state.jumps).toBe(jumps[0]! + 1);
    expect(b.state.jumps).toBe(jumps[1]);
    expect(c.state.zoom).toBe(6);
  });
});
