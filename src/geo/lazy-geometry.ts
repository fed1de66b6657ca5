/**
 * A record whose `geometry` stays in packed arrays until something reads it. A county's imported
 * footprints held as GeoJSON are ~12 small arrays each (55 MB for 100,000 of them, all of which
 * the garbage collector must copy and trace); held packed they are ~9 MB of typed arrays plus one
 * small object each. Reading `geometry` — directly, or through a spread, JSON.stringify,
 * structuredClone or an IndexedDB put — builds the GeoJSON once and keeps it, so the record
 * behaves as a plain one. Code that goes through every record (map buffers, statistics packing)
 * asks {@link packedGeometryOf} first and reads the arrays instead.
 */
import type { Geometry } from 'geojson';
import { PackedGeometry } from './packed-geometry';

/** Holds the record's PackedGeometry until it is read, then the GeoJSON built from it. */
const SLOT = Symbol('geometry');

interface WithSlot {
  [SLOT]: PackedGeometry | Geometry | null;
}

// One getter and setter for every record: V8 then shares one hidden class among them all.
function readGeometry(this: WithSlot): Geometry | null {
  const value = this[SLOT];
  if (!(value instanceof PackedGeometry)) return value;
  const built = value.build();
  this[SLOT] = built;
  return built;
}

function writeGeometry(this: WithSlot, value: Geometry | null): void {
  this[SLOT] = value;
}

/**
 * Adds `geometry` to `record` as a property built from `packed` on first read. Call it where the
 * key belongs in the record's key order: it is added as the record's next own property.
 */
export function addLazyGeometry(record: object, packed: PackedGeometry): void {
  Object.defineProperty(record, SLOT, { value: packed, writable: true });
  Object.defineProperty(record, 'geometry', { get: readGeometry, set: writeGeometry, enumerable: true, configurable: true });
}

/** The packed geometry of a record whose geometry has not been read yet, or null. */
export function packedGeometryOf(record: unknown): PackedGeometry | null {
  if (typeof record !== 'object' || record === null) return null;
  const value = (record as Partial<WithSlot>)[SLOT];
  return value instanceof PackedGeometry ? value : null;
}

/** A geometry as code that walks every record wants it: the packed arrays while unread, else the GeoJSON. */
export type GeometrySource = Geometry | PackedGeometry | null | undefined;

export function geometrySourceOf(record: { geometry?: Geometry | null }): GeometrySource {
  return packedGeometryOf(record) ?? record.geometry;
}
