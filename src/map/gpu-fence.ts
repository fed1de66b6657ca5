/**
 * Waiting for the GPU without blocking: a map's `idle` means its last frame's commands are issued,
 * not executed. On a software GPU a frame of 100,000 features then runs for a second or more on
 * the GPU process's threads, and what the page starts meanwhile competes with it for the cores —
 * an import's records moving right after its preview was drawn had their garbage collections
 * stretched past 100 ms by it. A WebGL 2 fence, polled between tasks, says when that work is done.
 */

/** How often the fence is polled (its status only changes between tasks anyway). */
const POLL_MS = 20;

/**
 * Resolves once the GPU has executed every command issued so far on the canvas's WebGL context —
 * at once without WebGL 2 — or after `limitMs`. Never blocks: the fence is polled with a zero timeout.
 */
export function afterGpuWork(canvas: HTMLCanvasElement, limitMs: number): Promise<void> {
  const gl = canvas.getContext('webgl2');
  const sync = gl?.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0) ?? null;
  if (!gl || !sync) return Promise.resolve();
  gl.flush();
  const started = performance.now();
  return new Promise((resolve) => {
    const poll = () => {
      const status = gl.isContextLost() ? gl.WAIT_FAILED : gl.clientWaitSync(sync, 0, 0);
      if (status === gl.TIMEOUT_EXPIRED && performance.now() - started < limitMs) {
        setTimeout(poll, POLL_MS);
        return;
      }
      gl.deleteSync(sync);
      resolve();
    };
    poll();
  });
}

/** The part of a MapLibre map the wait below uses. */
interface RenderingMap {
  getCanvas(): HTMLCanvasElement;
  once(type: 'render', listener: () => void): unknown;
  off(type: 'render', listener: () => void): unknown;
}

/**
 * Resolves once `map` has rendered its next frame and the GPU has executed it — or when no frame
 * is rendered within `renderWaitMs` (nothing changed on screen), or the GPU takes over `gpuWaitMs`.
 */
export function afterNextFrameDrawn(map: RenderingMap, renderWaitMs: number, gpuWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const rendered = () => {
      clearTimeout(timer);
      void afterGpuWork(map.getCanvas(), gpuWaitMs).then(resolve);
    };
    const timer = setTimeout(() => {
      map.off('render', rendered);
      resolve();
    }, renderWaitMs);
    map.once('render', rendered);
  });
}
