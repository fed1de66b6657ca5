/**
 * The two maps of the comparison view: created once in their containers, cameras kept in sync,
 * fed the base map, the epoch images, the opacities of the current mode and the vector layers.
 * Reports once when both maps have drawn their first complete view (images included).
 */
import { useEffect, useRef, useState } from 'react';
import type { BoundingBox } from '../../geo/bounding-box';
import { CompareMapController, type CompareBaseData, type ComparePick, type EpochImageSource } from '../../map/compare-map-controller';
import type { CompareVectors } from '../../map/compare-layers';
import { syncCameras } from '../../map/compare-sync';
import type { CompareDisplay } from './compare-modes';

export interface CompareMapsInput {
  base: CompareBaseData | null;
  images: { before: EpochImageSource | null; after: EpochImageSource | null };
  /** Whether every image that will be shown has been handed over (so the first render can be reported). */
  imagesSettled: boolean;
  display: CompareDisplay;
  vectors: CompareVectors;
  initialBounds: BoundingBox | null;
  onPick(pick: ComparePick | null): void;
  /** Whether a detection area is being drawn (clicks on either map add vertices). */
  drawing: boolean;
  onDrawClick(position: [number, number]): void;
  onDrawDoubleClick(): void;
  onFirstRender(controllers: { earlier: CompareMapController; later: CompareMapController }): void;
}

export function useCompareMaps(input: CompareMapsInput) {
  const earlierRef = useRef<HTMLDivElement | null>(null);
  const laterRef = useRef<HTMLDivElement | null>(null);
  const [controllers, setControllers] = useState<{ earlier: CompareMapController; later: CompareMapController } | null>(null);
  const pickRef = useRef(input.onPick);
  pickRef.current = input.onPick;
  const drawRef = useRef({ click: input.onDrawClick, doubleClick: input.onDrawDoubleClick });
  drawRef.current = { click: input.onDrawClick, doubleClick: input.onDrawDoubleClick };
  const firstRenderRef = useRef<typeof input.onFirstRender | null>(input.onFirstRender);

  useEffect(() => {
    if (!earlierRef.current || !laterRef.current) return undefined;
    const callbacks = {
      onPick: (pick: ComparePick | null) => pickRef.current(pick),
      onDrawClick: (position: [number, number]) => drawRef.current.click(position),
      onDrawDoubleClick: () => drawRef.current.doubleClick(),
    };
    const created = { earlier: new CompareMapController(earlierRef.current, callbacks), later: new CompareMapController(laterRef.current, callbacks) };
    const stopSync = syncCameras([created.earlier.map, created.later.map]);
    setControllers(created);
    return () => {
      stopSync();
      created.earlier.destroy();
      created.later.destroy();
    };
  }, []);

  const fittedRef = useRef(false);
  useEffect(() => {
    if (!controllers || !input.initialBounds || fittedRef.current) return;
    fittedRef.current = true;
    controllers.later.fitTo(input.initialBounds, 20);
  }, [controllers, input.initialBounds]);

  useEffect(() => {
    if (!controllers || !input.base) return;
    void controllers.earlier.setBase(input.base);
    void controllers.later.setBase(input.base);
  }, [controllers, input.base]);

  const imagesSetRef = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    if (!controllers) return;
    imagesSetRef.current = Promise.all([controllers.earlier, controllers.later].flatMap((controller) => [
      controller.setImage('before', input.images.before),
      controller.setImage('after', input.images.after),
    ]));
  }, [controllers, input.images.before, input.images.after]);

  useEffect(() => {
    if (!controllers) return;
    controllers.earlier.setOpacities(input.display.earlierMap);
    controllers.later.setOpacities(input.display.laterMap);
  }, [controllers, input.display.earlierMap.before, input.display.earlierMap.after, input.display.laterMap.before, input.display.laterMap.after]);

  useEffect(() => {
    if (!controllers) return;
    controllers.earlier.setDrawing(input.drawing);
    controllers.later.setDrawing(input.drawing);
  }, [controllers, input.drawing]);

  useEffect(() => {
    if (!controllers) return;
    void controllers.earlier.setVectors(input.vectors);
    void controllers.later.setVectors(input.vectors);
  }, [controllers, input.vectors]);

  useEffect(() => {
    if (!controllers || !input.imagesSettled || !input.base) return;
    const report = firstRenderRef.current;
    if (!report) return;
    firstRenderRef.current = null;
    void imagesSetRef.current
      .then(() => Promise.all([controllers.earlier.idle(), controllers.later.idle()]))
      .then(() => report(controllers));
  }, [controllers, input.imagesSettled, input.base]);

  return { earlierRef, laterRef, controllers };
}
