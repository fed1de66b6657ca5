/**
 * The map preview of an import as one GeoJSON text: every feature whose geometry can be drawn
 * (finite longitude/latitude), with its `status` (accepted / repaired / rejected), its index in its
 * file and the file's label, and the bounding box of what is drawn. Built in the import worker so
 * the map can load it by URL without the main thread parsing it.
 */
export type PreviewStatus = 'accepted' | 'repaired' | 'rejected';

export interface PreviewCandidate {
  geometry: unknown;
  status: PreviewStatus;
  index: number;
  label: string;
}

const DRAWABLE_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

/** Extends `bbox` by every position of `coordinates`; false when one is not a finite lon/lat pair. */
function extendByPositions(coordinates: unknown, bbox: number[], depth = 0): boolean {
  if (!Array.isArray(coordinates) || depth > 4) return false;
  if (typeof coordinates[0] === 'number' || coordinates.length === 0) {
    const [x, y] = coordinates as unknown[];
    if (coordinates.length === 0) return depth > 0;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return false;
    bbox[0] = Math.min(bbox[0]!, x);
    bbox[1] = Math.min(bbox[1]!, y);
    bbox[2] = Math.max(bbox[2]!, x);
    bbox[3] = Math.max(bbox[3]!, y);
    return true;
  }
  return coordinates.every((child) => extendByPositions(child, bbox, depth + 1));
}

/**
 * Above this many features the preview carries one marker point per accepted feature (the centre
 * of its bbox, property `marker: true`) instead of its shape; rejected features keep their shapes.
 * MapLibre stalled the page for 5–10 s (measured) on 100,000 preview shapes, even hidden by zoom.
 */
export const PREVIEW_MARKER_THRESHOLD = 20_000;

/** The drawable candidates as a FeatureCollection text, and their bbox ([west, south, east, north]) or null. */
export function buildPreviewCollection(candidates: readonly PreviewCandidate[]): { json: string; bbox: [number, number, number, number] | null; drawn: number; markers: boolean } {
  const markers = candidates.length > PREVIEW_MARKER_THRESHOLD;
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const parts: string[] = [];
  for (const candidate of candidates) {
    const geometry = candidate.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!geometry || typeof geometry.type !== 'string' || !DRAWABLE_TYPES.has(geometry.type)) continue;
    const own = [Infinity, Infinity, -Infinity, -Infinity];
    if (!extendByPositions(geometry.coordinates, own) || !Number.isFinite(own[0])) continue;
    for (let axis = 0; axis < 4; axis += 1) bbox[axis] = axis < 2 ? Math.min(bbox[axis]!, own[axis]!) : Math.max(bbox[axis]!, own[axis]!);
    const asMarker = markers && candidate.status !== 'rejected' && geometry.type !== 'Point';
    if (!asMarker) {
      parts.push(JSON.stringify({
        type: 'Feature',
        properties: { status: candidate.status, index: candidate.index, file: candidate.label },
        geometry: { type: geometry.type, coordinates: geometry.coordinates },
      }));
    } else {
      parts.push(JSON.stringify({
        type: 'Feature',
        properties: { status: candidate.status, index: candidate.index, file: candidate.label, marker: true },
        geometry: { type: 'Point', coordinates: [(own[0]! + own[2]!) / 2, (own[1]! + own[3]!) / 2] },
      }));
    }
  }
  const json = `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
  return { json, bbox: parts.length > 0 ? (bbox as [number, number, number, number]) : null, drawn: parts.length, markers };
}
