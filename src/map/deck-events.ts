/**
 * Stops deck.gl's own pointer handling on the map's canvas. An interleaved deck listens to the
 * canvas itself: it hover-picks every pickable layer under a moving pointer and picks again on
 * every pointerdown (each drag start too). At county scale one pick renders 100,000 polygons into
 * the picking buffer (≈1.6 s per pointer move in software rendering), and deck's click needs the
 * button released within 250 ms of the press, which a busy main thread misses. The map controllers
 * pick once, on MapLibre's click, so deck's listeners are removed as soon as deck has made them.
 */
import type { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';

type Handler = (event: unknown) => void;

/** The parts of deck's Deck class (9.4) this relies on. */
interface DeckPointerInternals {
  isInitialized: boolean;
  eventManager: { off(event: string, handler: Handler): void } | null;
  _onPointerDown?: Handler;
  _onPointerMove?: Handler;
  _onEvent?: Handler;
}

/** deck.gl's gesture events routed to its picking (`EVENT_HANDLERS` in deck.js). */
const DECK_GESTURES = ['click', 'dblclick', 'panstart', 'panmove', 'panend'] as const;

/**
 * Removes the pointer listeners of a deck that has made them. Reports on the console if deck's
 * internals are not what this expects (after an upgrade), so the end-to-end tests, which fail on
 * console errors, notice.
 */
export function detachPointerListeners(deck: DeckPointerInternals): void {
  const manager = deck.eventManager;
  if (!manager || !deck._onPointerDown || !deck._onPointerMove || !deck._onEvent) {
    console.error('deck.gl: pointer listeners not found — hover picking stays on (deck internals changed?)');
    return;
  }
  manager.off('pointerdown', deck._onPointerDown);
  manager.off('pointermove', deck._onPointerMove);
  manager.off('pointerleave', deck._onPointerMove);
  for (const gesture of DECK_GESTURES) manager.off(gesture, deck._onEvent);
}

/**
 * Stops the pointer picking of the overlay's deck once deck has initialised (it does so
 * asynchronously, before its first draw). Not through deck's `onLoad` prop: the overlay passes its
 * props to deck again on every update, which would replace the `onLoad` the overlay installs to
 * keep deck's camera in step with the map, and picks would then use a stale camera.
 */
export function stopDeckPointerPicking(map: MapLibreMap, overlay: MapLibreOverlay): void {
  const attempt = () => {
    const deck = (overlay as unknown as { _deck?: DeckPointerInternals })._deck;
    if (deck && !deck.isInitialized) return;
    map.off('render', attempt);
    if (deck) detachPointerListeners(deck);
  };
  map.on('render', attempt);
}
