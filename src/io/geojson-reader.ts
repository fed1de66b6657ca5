/**
 * Reads GeoJSON text into a list of candidate features, refusing hostile input with a clear
 * reason: files over the size limit, nesting deeper than the depth limit, or anything that is not
 * a Feature / FeatureCollection / bare geometry. Property names that could reach an object
 * prototype (`__proto__`, `constructor`, `prototype`) are removed and reported.
 */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 32;
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ReaderOptions {
  maxBytes?: number;
  maxDepth?: number;
}

export interface ReadFeatures {
  /** Candidate features in file order; not yet validated. */
  features: unknown[];
  /** Indexes of features from which unsafe property names were removed. */
  strippedKeys: Map<number, string[]>;
}

export type ReadResult = { ok: true; value: ReadFeatures } | { ok: false; error: string };

function depthOf(value: unknown, limit: number): number {
  // Iterative, so a hostile file cannot overflow the call stack.
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (current !== null && typeof current === 'object') {
      for (const child of Object.values(current as object)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/** Removes unsafe keys in place from a parsed JSON value, returning the names removed. */
export function stripUnsafeKeys(value: unknown, removed: string[]): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current as object)) {
      if (UNSAFE_KEYS.has(key)) {
        removed.push(key);
        delete (current as Record<string, unknown>)[key];
      } else {
        stack.push((current as Record<string, unknown>)[key]);
      }
    }
  }
}

export function readGeoJsonText(text: string, fileName: string, options: ReaderOptions = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (text.length > maxBytes) return { ok: false, error: `文件 ${fileName} 超过大小上限（${Math.round(maxBytes / 1048576)} MB）` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: `文件 ${fileName} 不是有效的 JSON：${(error as Error).message}` };
  }
  if (depthOf(parsed, maxDepth) > maxDepth) return { ok: false, error: `文件 ${fileName} 嵌套层级超过 ${maxDepth} 层，拒绝读取` };
  if (parsed === null || typeof parsed !== 'object') return { ok: false, error: `文件 ${fileName} 不是 GeoJSON 对象` };
  const root = parsed as { type?: unknown; features?: unknown };
  let features: unknown[];
  if (root.type === 'FeatureCollection' && Array.isArray(root.features)) features = root.features;
  else if (root.type === 'Feature') features = [root];
  else if (typeof root.type === 'string' && 'coordinates' in root) features = [{ type: 'Feature', geometry: root, properties: {} }];
  else return { ok: false, error: `文件 ${fileName} 不是 GeoJSON（需要 FeatureCollection、Feature 或几何对象）` };
  const strippedKeys = new Map<number, string[]>();
  features.forEach((feature, index) => {
    const removed: string[] = [];
    stripUnsafeKeys(feature, removed);
    if (removed.length > 0) strippedKeys.set(index, removed);
  });
  return { ok: true, value: { features, strippedKeys } };
}
