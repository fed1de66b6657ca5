/**
 * Creates the wall's map controller once for its container, feeds it boundaries and layers as
 * they change (the map itself is never recreated by a data change), tracks WebGL context loss,
 * and reports when the first complete view has been drawn.
 */
import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { WallLayerInput } from '../../map/wall-layers';
import { WallMapController, type WallBoundaries } from '../../map/wall-map-controller';

export interface WallMapOptions {
  boundaries: WallBoundaries | null;
  layers: WallLayerInput | null;
  scale: number;
  /** Called once, when boundaries and layers have been drawn for the first time. */
  onFirstRender(map: MapLibreMap): void;
}

export function useWallMap(options: WallMapOptions) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [controller, setController] = useState<WallMapController | null>(null);
  const [contextLost, setContextLost] = useState(false);
  const firstRenderRef = useRef<((map: MapLibreMap) => void) | null>(options.onFirstRender);
  const initialScaleRef = useRef(options.scale);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const created = new WallMapController(container, {
      onContextLost: () => setContextLost(true),
      onContextRestored: () => setContextLost(false),
    }, initialScaleRef.current);
    setController(created);
    return () => created.destroy();
  }, []);

  useEffect(() => {
    controller?.setScale(options.scale);
  }, [controller, options.scale]);

  const { boundaries, layers } = options;
  useEffect(() => {
    if (!controller || !boundaries) return;
    void controller.setBoundaries(boundaries);
  }, [controller, boundaries]);

  useEffect(() => {
    if (!controller || !layers) return;
    const applied = controller.setLayers(layers);
    const onFirstRender = firstRenderRef.current;
    if (!onFirstRender || !boundaries) return;
    firstRenderRef.current = null;
    void applied.then(() => controller.idle()).then(() => onFirstRender(controller.map));
  }, [controller, layers, boundaries]);

  return { containerRef, controller, contextLost };
}
