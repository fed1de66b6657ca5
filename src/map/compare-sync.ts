/**
 * Keeps the cameras of several maps identical: whenever one moves (pan, zoom, rotate, resize, a
 * touch gesture or a programmatic jump), the others jump to exactly its centre, zoom, bearing and
 * pitch, synchronously within the same event, so no frame shows them apart. Maps of the same size
 * then show exactly the same ground at the same pixels.
 */

/** The parts of a MapLibre map the synchronisation uses (a fake in tests). */
export interface SyncedCamera {
  on(type: 'move', listener: () => void): unknown;
  off(type: 'move', listener: () => void): unknown;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getBearing(): number;
  getPitch(): number;
  jumpTo(options: { center: [number, number]; zoom: number; bearing: number; pitch: number }): unknown;
}

/** Starts keeping the cameras in sync (the first one's camera wins at once); returns a function that stops it. */
export function syncCameras(cameras: readonly SyncedCamera[]): () => void {
  let following = false;
  const follow = (leader: SyncedCamera) => {
    if (following) return;
    following = true;
    try {
      const center = leader.getCenter();
      const camera = { center: [center.lng, center.lat] as [number, number], zoom: leader.getZoom(), bearing: leader.getBearing(), pitch: leader.getPitch() };
      for (const other of cameras) if (other !== leader) other.jumpTo(camera);
    } finally {
      following = false;
    }
  };
  const listeners = cameras.map((camera) => {
    const listener = () => follow(camera);
    camera.on('move', listener);
    return { camera, listener };
  });
  const first = cameras[0];
  if (first) follow(first);
  return () => {
    for (const { camera, listener } of listeners) camera.off('move', listener);
  };
}
