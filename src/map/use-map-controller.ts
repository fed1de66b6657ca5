/**
 * Creates the map controller for a container once, feeds it every new view, and reports when the
 * first complete view (every kind read) has been drawn.
 */
import { useEffect, useRef, useState } from 'react';
import { MapController, type MapCallbacks, type MapView } from './map-controller';
import type { BoundingBox } from '../geo/bounding-box';

export interface MapControllerOptions {
  view: MapView | null;
  initialBounds: BoundingBox | null;
  callbacks: MapCallbacks;
  onFirstRender(controller: MapController): void;
}

export function useMapController(options: MapControllerOptions) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const callbacksRef = useRef(options.callbacks);
  callbacksRef.current = options.callbacks;
  const firstRenderRef = useRef<((controller: MapController) => void) | null>(options.onFirstRender);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const created = new MapController(container, {
      onSelect: (selection) => callbacksRef.current.onSelect(selection),
      onPointerMove: (position) => callbacksRef.current.onPointerMove(position),
    });
    setController(created);
    return () => created.destroy();
  }, []);

  const fittedRef = useRef(false);
  useEffect(() => {
    if (!controller || !options.view) return;
    if (!fittedRef.current && options.initialBounds) {
      controller.fitTo(options.initialBounds);
      fittedRef.current = true;
    }
    const partial = options.view.partial === true;
    void controller.update(options.view).then(async () => {
      const onFirstRender = firstRenderRef.current;
      // A view drawn while records still stream in is not the loaded county yet.
      if (!onFirstRender || partial) return;
      firstRenderRef.current = null;
      await controller.idle();
      onFirstRender(controller);
    });
  }, [controller, options.view, options.initialBounds]);

  return { containerRef, controller };
}
