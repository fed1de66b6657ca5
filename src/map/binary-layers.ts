/**
 * The campaign layers' builds: each layer's records turned into typed arrays once (positions,
 * earcut triangles, per-vertex feature ids and colours) that deck uploads without tessellating. A
 * new records array is compared with the one built: records that changed only in their
 * attributes repaint their own vertex range of the colour buffer (deck then re-uploads that
 * buffer, not the geometry); a changed geometry, or an added or removed record, rebuilds.
 *
 * A layer of more than {@link CHUNK_FEATURES} records is built in chunks of that many, each a deck
 * layer of its own (`<id>`, `<id>~1`, `<id>~2` …): an edit rebuilds or repaints only the chunks it
 * touches, and the chunks that must be rebuilt are built one after another in slices between
 * macrotasks and handed to the map one per animation frame — so deck uploads at most one chunk's
 * buffers per frame (an import of 100,000 footprints is seven uploads of ~30 ms, not one of
 * ~300 ms). Until a chunk is rebuilt its previous build stays on screen; listeners hear each time
 * a build is ready. Builds are shared by every map showing the same records. The deck layers are
 * made in binary-deck-layers.ts.
 */
import type { Feature } from 'geojson';
import {
  buildPointBuffers,
  buildPolygonBuffers,
  buildPolygonBuffersInSlices,
  featureVertexRange,
  nextMacrotask,
  paintRange,
  pointColors,
  polygonVertexColors,
  polygonVertexColorsInSlices,
  attributeOnlyChanges,
  type PointBuffers,
  type PolygonBuffers,
} from './binary-polygons';

import { geometrySourceOf } from '../geo/lazy-geometry';
import { outlineData, pointData, polygonData, positionOffsets, type BinaryData } from './binary-data';
import type { Rgba } from './palette';

export { attributeOnlyChanges };

/** Layers with more features than this are built in slices (the sample county's 5,000 violations build at once). */
export const SLICED_BUILD_THRESHOLD = 20_000;
/**
 * Records per chunk of a big layer. deck's upload of a chunk (buffers, 64-bit position split,
 * polygon starts) took ≈30 ms per 16,384 footprints in headless Chromium on 2 cores; the whole
 * 105,000 in one frame took ≈340 ms.
 */
export const CHUNK_FEATURES = 16_384;
/** Longest wait for an animation frame between two chunks (a hidden page has none). */
const FRAME_WAIT_LIMIT_MS = 1000;

export interface BinaryLayerStyle {
  /** Geometry drawn: polygons (fill and outline) or points (circles). */
  geometry: 'polygons' | 'points';
  fill: Rgba | ((feature: Feature) => Rgba);
  line: Rgba | ((feature: Feature) => Rgba);
  lineWidthPixels: number;
  pointRadiusMeters?: number;
  /**
   * Dense layers: from this zoom on only the features near the view are drawn and picked (fill
   * and outline; below it the whole layer is filled and not outlined — a thin outline around each
   * of 100,000 footprints costs software rendering seconds per frame, and at the county view they
   * are too small to show one).
   */
  nearViewFromZoom?: number;
}


export interface LayerBuild {
  /** Which chunk of its layer this is (0 for a layer of one chunk); its deck layer id is {@link chunkLayerId}. */
  chunk: number;
  records: readonly Feature[];
  style: BinaryLayerStyle;
  ids: string[];
  polygons: PolygonBuffers | null;
  points: PointBuffers | null;
  fillColors: Uint8Array | null;
  lineColors: Uint8Array | null;
  /** Bumped whenever the colours are repainted (deck re-uploads the colour buffers). */
  colorVersion: number;
  fillData: BinaryData;
  lineData: BinaryData | null;
}

/** The deck layer id of chunk `chunk` of layer `layerId` (the layer id itself for the first chunk). */
export function chunkLayerId(layerId: string, chunk: number): string {
  return chunk === 0 ? layerId : `${layerId}~${chunk}`;
}

/** The layer id of a chunk's deck layer id. */
export function layerIdOfChunk(id: string): string {
  return id.replace(/~\d+$/, '');
}

/** A build waiting or running: `done` resolves when it is handed over, superseded or dropped. */
interface BuildJob {
  key: string;
  chunk: number;
  records: readonly Feature[];
  style: BinaryLayerStyle;
  /** A chunk: wait for an animation frame after handing it over, so deck uploads one chunk per frame. */
  paced: boolean;
  done: Promise<void>;
  finish: () => void;
}

/** A big layer's records (by layer key) as last cut into chunk arrays. */
const chunkArrays = new Map<string, { records: readonly Feature[]; chunks: (readonly Feature[])[] }>();
/** Builds by chunk layer id. */
const builds = new Map<string, LayerBuild>();
const pending = new Map<string, BuildJob>();
const queue: BuildJob[] = [];
let running = false;
const listeners = new Set<() => void>();

/** Calls `listener` whenever a layer build finishes in the background; returns the unsubscribe. */
export function onBinaryLayersBuilt(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolves once no layer is being built in the background (and every chunk built is handed over). */
export async function binaryLayersSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending.values()].map((job) => job.done));
}

/** The build drawn by a chunk's deck layer (by its id, without `-near`/`-outline`), or undefined. */
export function layerBuildOf(chunkId: string): LayerBuild | undefined {
  return builds.get(chunkId);
}

const colorOf = (color: BinaryLayerStyle['fill'], feature: Feature): Rgba => (typeof color === 'function' ? color(feature) : color);

interface BuildColors {
  fillColors: Uint8Array | null;
  lineColors: Uint8Array | null;
}

function completeBuild(chunk: number, records: readonly Feature[], style: BinaryLayerStyle, polygons: PolygonBuffers | null, points: PointBuffers | null, colors?: BuildColors): LayerBuild {
  const ids = records.map((record) => String(record.id));
  const fillColors = colors ? colors.fillColors : typeof style.fill === 'function'
    ? polygons ? polygonVertexColors(polygons, (index) => colorOf(style.fill, records[index] as Feature)) : pointColors(points as PointBuffers, (index) => colorOf(style.fill, records[index] as Feature))
    : null;
  const lineColors = colors ? colors.lineColors : polygons && typeof style.line === 'function' ? polygonVertexColors(polygons, (index) => colorOf(style.line, records[index] as Feature)) : null;
  const build = { ids };
  return {
    chunk, records, style, ids, polygons, points, fillColors, lineColors, colorVersion: 0,
    // A dense layer's whole fill is drawn only zoomed out: its positions go as 32-bit offsets.
    fillData: polygons ? polygonData(build, polygons, fillColors, style.nearViewFromZoom !== undefined ? positionOffsets(polygons.positions) : undefined) : pointData(build, points as PointBuffers, fillColors),
    lineData: polygons ? outlineData(build, polygons, lineColors) : null,
  };
}

function buildNow(chunk: number, records: readonly Feature[], style: BinaryLayerStyle): LayerBuild {
  const geometries = records.map(geometrySourceOf);
  return style.geometry === 'points'
    ? completeBuild(chunk, records, style, null, buildPointBuffers(geometries))
    : completeBuild(chunk, records, style, buildPolygonBuffers(geometries), null);
}

async function buildInSlices(chunk: number, records: readonly Feature[], style: BinaryLayerStyle): Promise<LayerBuild> {
  if (style.geometry === 'points') return buildNow(chunk, records, style);
  const polygons = await buildPolygonBuffersInSlices(records.map(geometrySourceOf));
  const paint = (color: BinaryLayerStyle['fill']) =>
    typeof color === 'function' ? polygonVertexColorsInSlices(polygons, (index) => color(records[index] as Feature)) : Promise.resolve(null);
  const fillColors = await paint(style.fill);
  const lineColors = await paint(style.line);
  await nextMacrotask();
  return completeBuild(chunk, records, style, polygons, null, { fillColors, lineColors });
}

/** Repaints the changed features' colours in place and hands deck new buffer descriptors (so it re-uploads them). */
function repaint(build: LayerBuild, records: readonly Feature[], changed: readonly number[]): void {
  build.records = records;
  if (changed.length === 0) return;
  const { style, polygons, fillColors, lineColors } = build;
  for (const index of changed) {
    const feature = records[index] as Feature;
    const [first, end] = polygons ? featureVertexRange(polygons, index) : [index, index + 1];
    if (fillColors) paintRange(fillColors, first, end, colorOf(style.fill, feature));
    if (lineColors) paintRange(lineColors, first, end, colorOf(style.line, feature));
  }
  build.colorVersion++;
  if (fillColors) build.fillData.attributes['getFillColor'] = { value: fillColors, size: 4, normalized: true };
  if (lineColors && build.lineData) build.lineData.attributes['getColor'] = { value: lineColors, size: 4, normalized: true };
}

/** Resolves at the next animation frame (or after a macrotask where there are none, or at most FRAME_WAIT_LIMIT_MS). */
function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return nextMacrotask();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FRAME_WAIT_LIMIT_MS);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function announce(): void {
  for (const listener of listeners) listener();
}

/**
 * What the maps drawing the layers add to the wait after a chunk is handed over: each gate, asked
 * just before the hand-over, resolves once that map has drawn it and its GPU has executed the frame.
 */
const handOverGates = new Set<() => Promise<void>>();

/**
 * Makes chunk hand-overs wait for `gate` too (see handOverGates): on a software GPU, handing the
 * next chunk over while the previous frame still runs made deck's buffer upload wait for room in
 * the GPU's command stream — inside a 100 ms frame. Returns the function that removes the gate.
 */
export function gateChunkHandOvers(gate: () => Promise<void>): () => void {
  handOverGates.add(gate);
  return () => handOverGates.delete(gate);
}

/** Built chunks waiting to be handed over (one per frame), in order. */
const ready: { job: BuildJob; build: LayerBuild }[] = [];
let publishing = false;

/** Whether a job is still the one wanted for its key. */
const current = (job: BuildJob) => pending.get(job.key) === job;

/**
 * Builds the queued jobs one after another (in slices). A big layer's built chunk waits in
 * `ready` for the publisher; anything else is handed over at once.
 */
async function runQueue(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (!current(job)) {
        job.finish();
        continue;
      }
      if (job.paced) void publishChunks();
      const build = await buildInSlices(job.chunk, job.records, job.style);
      if (!current(job)) job.finish();
      else if (job.paced) ready.push({ job, build });
      else {
        pending.delete(job.key);
        builds.set(job.key, build);
        announce();
        job.finish();
      }
    }
  } finally {
    running = false;
  }
}

/**
 * Hands chunks to the map, at most one step per animation frame (and per frame the GPU has done,
 * see gateChunkHandOvers) — the next built chunk's records,
 * and the empty layer of the next chunk that has none yet (deck's set-up of a new layer, models and
 * shader assembly ≈35 ms, then falls in the frame before the upload of its buffers) — while the
 * builder goes on with the next chunks. Runs while chunks are queued, built or ready. (Giving each
 * its own frame made the county appear 5.6 s later under SwiftShader and changed no import's long
 * tasks: 3 of 7 runs either way.)
 */
async function publishChunks(): Promise<void> {
  if (publishing) return;
  publishing = true;
  try {
    for (;;) {
      while (ready.length > 0 && !current((ready[0] as { job: BuildJob }).job)) ready.shift()?.job.finish();
      const waiting = [...pending.values()].filter((job) => job.paced);
      if (waiting.length === 0 && ready.length === 0) return;
      let changed = false;
      const next = ready[0];
      if (next && builds.has(next.job.key)) {
        ready.shift();
        pending.delete(next.job.key);
        builds.set(next.job.key, next.build);
        next.job.finish();
        changed = true;
      }
      const fresh = waiting.find((job) => current(job) && !builds.has(job.key));
      if (fresh) {
        builds.set(fresh.key, buildNow(fresh.chunk, [], fresh.style));
        changed = true;
      }
      const drawn = changed ? [...handOverGates].map((gate) => gate()) : [];
      if (changed) announce();
      await Promise.all([nextFrame(), ...drawn]);
    }
  } finally {
    publishing = false;
  }
}

const sameElements = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** Queues a background build of `records` for `key`, unless the same records are queued already. */
function schedule(key: string, chunk: number, records: readonly Feature[], style: BinaryLayerStyle, paced: boolean): void {
  const waiting = pending.get(key);
  if (waiting && waiting.style === style && (waiting.records === records || (paced && sameElements(waiting.records, records)))) return;
  waiting?.finish();
  let finish = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const job: BuildJob = { key, chunk, records, style, paced, done, finish };
  pending.set(key, job);
  queue.push(job);
  void runQueue();
}

/** Forgets the builds (and queued builds) of chunks `from` and beyond of layer `key`. */
function dropChunksFrom(key: string, from: number): void {
  for (let chunk = Math.max(1, from); builds.has(chunkLayerId(key, chunk)) || pending.has(chunkLayerId(key, chunk)); chunk++) {
    const id = chunkLayerId(key, chunk);
    builds.delete(id);
    cancelPending(id);
  }
}

/** Drops the background build queued or running for `id` (its `done` resolves). */
function cancelPending(id: string): void {
  pending.get(id)?.finish();
  pending.delete(id);
}

/**
 * The build of `id` for `records` when it can stay — the same records, or changed in their
 * attributes only (repainted) — with any background build for it dropped; else null.
 */
function keptOrRepainted(id: string, records: readonly Feature[], style: BinaryLayerStyle): LayerBuild | null {
  const current = builds.get(id);
  if (!current || current.style !== style) return null;
  const changed = current.records === records ? [] : attributeOnlyChanges(current.records, records);
  if (!changed) return null;
  cancelPending(id);
  repaint(current, records, changed);
  return current;
}

/**
 * The current build of a layer of at most one chunk for `records`: the same one when nothing
 * changed, repainted when only attributes changed, rebuilt otherwise (in the background for big
 * layers: then the previous build, or null for a first build, until the new one is ready).
 */
export function binaryLayerBuild(key: string, records: readonly Feature[], style: BinaryLayerStyle): LayerBuild | null {
  const kept = keptOrRepainted(key, records, style);
  if (kept) return kept;
  if (records.length <= SLICED_BUILD_THRESHOLD) {
    cancelPending(key);
    const build = buildNow(0, records, style);
    builds.set(key, build);
    return build;
  }
  const previous = builds.get(key) ?? null;
  schedule(key, 0, records, style, false);
  return previous;
}

/** The build of one chunk: kept, repainted, or rebuilt in the background (the previous build meanwhile). */
function chunkBuild(key: string, chunk: number, records: readonly Feature[], style: BinaryLayerStyle): LayerBuild | null {
  const id = chunkLayerId(key, chunk);
  const kept = keptOrRepainted(id, records, style);
  if (kept) return kept;
  const previous = builds.get(id) ?? null;
  schedule(id, chunk, records, style, true);
  return previous;
}

/**
 * The builds of a layer (key = its deck layer id), one per chunk of {@link CHUNK_FEATURES}
 * records, in order: a layer of one chunk as {@link binaryLayerBuild}; a bigger one keeps the
 * chunks whose records are the same, repaints those changed in their attributes only, and
 * rebuilds the others in the background, one after another (their previous builds meanwhile; a
 * chunk built for the first time is missing until it is ready).
 */
export function binaryLayerBuilds(key: string, records: readonly Feature[], style: BinaryLayerStyle): LayerBuild[] {
  if (records.length <= CHUNK_FEATURES) {
    chunkArrays.delete(key);
    dropChunksFrom(key, 1);
    const build = binaryLayerBuild(key, records, style);
    return build ? [build] : [];
  }
  const chunks = Math.ceil(records.length / CHUNK_FEATURES);
  dropChunksFrom(key, chunks);
  // The same records array (the map updates often while chunks are handed over): the same chunk
  // arrays, which the builds hold — found unchanged by identity, without comparing 100,000 records.
  let cut = chunkArrays.get(key);
  if (cut?.records !== records) {
    cut = { records, chunks: Array.from({ length: chunks }, (_, chunk) => records.slice(chunk * CHUNK_FEATURES, (chunk + 1) * CHUNK_FEATURES)) };
    chunkArrays.set(key, cut);
  }
  const result: LayerBuild[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    const build = chunkBuild(key, chunk, cut.chunks[chunk] as readonly Feature[], style);
    if (build) result.push(build);
  }
  return result;
}
