/**
 * WebGL context loss with an interleaved deck.gl overlay. MapLibre rebuilds itself on
 * `webglcontextrestored`, but the overlay shares MapLibre's context: its GPU resources died with
 * the old context, and luma.gl instruments the context (state-caching spies on `gl.enable`,
 * `gl.blendFunc` …, and `gl.luma` / `gl.lumaState`) whose caches would now be wrong for both
 * libraries — a cached "already enabled" makes a spy skip the real call. So on loss the overlay is
 * removed and the instrumentation taken off; on restore a new overlay is created and fed again.
 */

/** Removes luma.gl's own properties and method spies from a WebGL context. */
export function removeContextInstrumentation(gl: WebGL2RenderingContext): void {
  const context = gl as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(context)) {
    const isSpiedMethod = typeof context[key] === 'function' && key in WebGL2RenderingContext.prototype;
    if (key === 'luma' || key === 'lumaState' || isSpiedMethod) delete context[key];
  }
}
