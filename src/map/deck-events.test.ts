import { describe, expect, it, vi } from 'vitest';
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { detachPointerListeners, stopDeckPointerPicking } from './deck-events';

function fakeDeck() {
  const removed: [string, unknown][] = [];
  const deck = {
    isInitialized: false,
    eventManager: { off: (event: string, handler: unknown) => removed.push([event, handler]) },
    _onPointerDown: () => undefined,
    _onPointerMove: () => undefined,
    _onEvent: () => undefined,
  };
  return { deck, removed };
}

function fakeMap() {
  const listeners = new Set<() => void>();
  const map = {
    on: (_type: string, listener: () => void) => listeners.add(listener),
    off: (_type: string, listener: () => void) => listeners.delete(listener),
  } as unknown as MapLibreMap;
  return { map, render: () => [...listeners].forEach((listener) => listener()), listeners };
}

describe('deck pointer picking', () => {
  it("removes deck's pointerdown, hover and gesture listeners", () => {
    const { deck, removed } = fakeDeck();
    detachPointerListeners(deck);
    expect(removed).toContainEqual(['pointerdown', deck._onPointerDown]);
    expect(removed).toContainEqual(['pointermove', deck._onPointerMove]);
    expect(removed).toContainEqual(['pointerleave', deck._onPointerMove]);
    expect(removed).toContainEqual(['click', deck._onEvent]);
    expect(removed).toContainEqual(['panstart', deck._onEvent]);
  });

  it('waits for deck to initialise (a map render later), then detaches once', () => {
    const { deck, removed } = fakeDeck();
    const { map, render, listeners } = fakeMap();
    stopDeckPointerPicking(map, { _deck: deck } as unknown as MapLibreOverlay);
    render();
    expect(removed).toEqual([]);
    deck.isInitialized = true;
    render();
    const count = removed.length;
    expect(count).toBeGreaterThan(0);
    expect(listeners.size).toBe(0);
    render();
    expect(removed).toHaveLength(count);
  });

  it('says so on the console when deck has no such listeners (so end-to-end tests fail after an upgrade)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    detachPointerListeners({ isInitialized: true, eventManager: null });
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
