/**
 * Records packed for a trip between threads: GeoJSON geometries as typed arrays (transferred), the
 * rest of each record as one JSON text, and the few records JSON cannot carry unchanged sent whole
 * (structured-cloned). A structured-cloned slice arrives as young objects that all survive (every
 * position an array), which the scavenger then copies. Unpacked, the positions come from one
 * `[x, y]` literal whose allocation site V8 pretenures (allocates in the old generation) once it
 * sees they all survive. Measured for 100,000 records in slices of 1,000: Node 28 → 8 scavenges,
 * their sum 3–5× less; Chromium 13–15 → 7–10 scavenges, sum 280–380 → 110–235 ms. What still
 * survives young is what JSON.parse builds (records, properties, strings) and the position lists.
 */
import { addLazyGeometry } from '../geo/lazy-geometry';
import { GeometryReader, PACKED_DEPTHS, PACKED_GEOMETRY_TYPES, PackedGeometry } from '../geo/packed-geometry';

/** What a record needs to be packed: an id (the shape of the stored records). */
export interface PackableRecord {
  id: string;
}

export interface PackedRecords<T extends PackableRecord = PackableRecord> {
  /** One code per record: {@link IN_JSON}, {@link SENT_WHOLE}, or the packed geometry's type (see PACKED_GEOMETRY_TYPES). */
  types: Uint8Array;
  /**
   * JSON arrays of at most {@link JSON_PIECE_RECORDS} items, one item per record in order: the
   * record with its geometry set to 0 (packed), as is (in JSON), or 0 (sent whole).
   */
  json: string[];
  /** Nesting counts of the packed geometries, in order (the layout of packed-geometry.ts). */
  counts: Uint32Array;
  /** x, y of every packed position, in order. */
  coordinates: Float64Array;
  /** The records sent whole, in order. */
  whole: T[];
}

/** The record travels in the JSON with its geometry (none, null, 3D, a GeometryCollection …). */
export const IN_JSON = 0;
/** The record travels whole (structured-cloned): JSON would change it. */
export const SENT_WHOLE = 255;

/**
 * Records per JSON text. A string over 128 KB is allocated straight in the old generation's
 * large-object space, where only a major GC frees it: one text per slice of 1,000 records
 * (~700 KB of two-byte Chinese text) made an import's move grow the receiving thread's old
 * generation by ~70 MB of garbage, and a major GC of ~100 ms followed. 64 records are ~45 KB.
 */
export const JSON_PIECE_RECORDS = 64;

/** Deeper values than this go whole (JSON.stringify would throw on a cycle). */
const MAX_JSON_DEPTH = 64;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Whether JSON.parse(JSON.stringify(value)) is deep-equal to value, in the same key order: strings,
 * booleans, null, finite numbers other than -0, and arrays (without holes) and plain objects of them.
 */
function survivesJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) if (!survivesJson(value[index], depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const key in value) if (!survivesJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Counts and positions a geometry adds to the packed arrays. */
interface Totals {
  counts: number;
  positions: number;
}

function isPosition(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [x, y] = value as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}

/** Whether `value` is positions nested `depth` deep (0: one position); adds what it packs to `totals`. */
function countNested(value: unknown, depth: number, totals: Totals): boolean {
  if (depth === 0) {
    totals.positions += 1;
    return isPosition(value);
  }
  if (!Array.isArray(value)) return false;
  totals.counts += 1;
  for (let index = 0; index < value.length; index++) if (!countNested(value[index], depth - 1, totals)) return false;
  return true;
}

/** The code of a geometry the typed arrays carry exactly, or IN_JSON; `totals` gets what it packs (reset first). */
function packedTypeOf(geometry: unknown, totals: Totals): number {
  totals.counts = 0;
  totals.positions = 0;
  if (typeof geometry !== 'object' || geometry === null || !isPlainObject(geometry)) return IN_JSON;
  const keys = Object.keys(geometry);
  if (keys.length !== 2 || keys[0] !== 'type' || keys[1] !== 'coordinates') return IN_JSON;
  const { type, coordinates } = geometry as { type: unknown; coordinates: unknown };
  const index = PACKED_GEOMETRY_TYPES.indexOf(type as (typeof PACKED_GEOMETRY_TYPES)[number]);
  if (index < 0) return IN_JSON;
  return countNested(coordinates, PACKED_DEPTHS[index] as number, totals) ? index + 1 : IN_JSON;
}

/** Whether JSON carries the record unchanged, apart from a packed geometry. */
function restSurvivesJson(record: object, packedGeometry: boolean): boolean {
  if (!isPlainObject(record)) return false;
  for (const key in record) {
    if (packedGeometry && key === 'geometry') continue;
    if (!survivesJson((record as Record<string, unknown>)[key], 1)) return false;
  }
  return true;
}

/** Cursors into the packed arrays while writing. */
interface Writer {
  counts: Uint32Array;
  coordinates: Float64Array;
  count: number;
  coordinate: number;
}

function writeNested(writer: Writer, value: unknown, depth: number): void {
  if (depth === 0) {
    const position = value as [number, number];
    writer.coordinates[writer.coordinate++] = position[0];
    writer.coordinates[writer.coordinate++] = position[1];
    return;
  }
  const items = value as unknown[];
  writer.counts[writer.count++] = items.length;
  for (let index = 0; index < items.length; index++) writeNested(writer, items[index], depth - 1);
}

/**
 * Packs records in O(size); `transferables` lists the buffers to transfer. Every record comes back
 * from {@link unpackRecords} deep-equal and in the same key order, whatever it holds (a record JSON
 * would change goes whole, so it must be structured-cloneable as before).
 */
export function packRecords<T extends PackableRecord>(records: readonly T[]): { packed: PackedRecords<T>; transferables: ArrayBuffer[] } {
  const types = new Uint8Array(records.length);
  const totals: Totals = { counts: 0, positions: 0 };
  const geometry: Totals = { counts: 0, positions: 0 };
  for (let item = 0; item < records.length; item++) {
    const record = records[item] as T;
    const type = packedTypeOf((record as { geometry?: unknown }).geometry, geometry);
    types[item] = restSurvivesJson(record, type !== IN_JSON) ? type : SENT_WHOLE;
    if (types[item] !== IN_JSON && types[item] !== SENT_WHOLE) {
      totals.counts += geometry.counts;
      totals.positions += geometry.positions;
    }
  }
  const writer: Writer = { counts: new Uint32Array(totals.counts), coordinates: new Float64Array(2 * totals.positions), count: 0, coordinate: 0 };
  const items = new Array<unknown>(records.length);
  const whole: T[] = [];
  for (let item = 0; item < records.length; item++) {
    const record = records[item] as T;
    const type = types[item] as number;
    if (type === SENT_WHOLE) {
      whole.push(record);
      items[item] = 0;
    } else if (type === IN_JSON) {
      items[item] = record;
    } else {
      writeNested(writer, (record as unknown as { geometry: { coordinates: unknown } }).geometry.coordinates, PACKED_DEPTHS[type - 1] as number);
      // Spreading keeps the key order; unpacking overwrites the 0 in place.
      items[item] = { ...record, geometry: 0 };
    }
  }
  const { counts, coordinates } = writer;
  const json: string[] = [];
  for (let start = 0; start < items.length; start += JSON_PIECE_RECORDS) json.push(JSON.stringify(items.slice(start, start + JSON_PIECE_RECORDS)));
  const packed: PackedRecords<T> = { types, json, counts, coordinates, whole };
  return { packed, transferables: [types.buffer, counts.buffer, coordinates.buffer] as ArrayBuffer[] };
}

/**
 * The records of {@link packRecords}, rebuilt. The positions and geometries come from the literals
 * of {@link GeometryReader} (few allocation sites, all their objects surviving: V8 pretenures them);
 * the position lists are allocated at their size (growing them by push leaves a young backing store
 * behind each, which the scavenger then copies). With `lazyGeometry`, a packed geometry stays in
 * the arrays until it is read (see lazy-geometry.ts): no GeoJSON arrays are built here at all.
 */
export function unpackRecords<T extends PackableRecord>(packed: PackedRecords<T>, options: { lazyGeometry?: boolean } = {}): T[] {
  const { types, whole } = packed;
  const items = packed.json.flatMap((piece) => JSON.parse(piece) as Record<string, unknown>[]);
  const reader = new GeometryReader(packed.counts, packed.coordinates);
  const records = new Array<T>(types.length);
  let wholeIndex = 0;
  for (let item = 0; item < types.length; item++) {
    const type = types[item] as number;
    if (type === SENT_WHOLE) {
      records[item] = whole[wholeIndex++] as T;
      continue;
    }
    const record = items[item] as Record<string, unknown>;
    if (type === IN_JSON) records[item] = record as unknown as T;
    else if (options.lazyGeometry) {
      records[item] = withLazyGeometry(record, new PackedGeometry(type, packed.counts, packed.coordinates, reader.count, reader.coordinate)) as unknown as T;
      reader.skip(type);
    } else {
      record['geometry'] = reader.geometry(type);
      records[item] = record as unknown as T;
    }
  }
  return records;
}

/**
 * A copy of `parsed` with its `geometry` lazy, in the same key order. Redefining the parsed
 * object's own data property as an accessor would turn it into a slow dictionary-mode object;
 * a fresh object given its keys in order shares one hidden class with all the others.
 */
function withLazyGeometry(parsed: Record<string, unknown>, geometry: PackedGeometry): object {
  const record: Record<string, unknown> = {};
  for (const key in parsed) {
    if (key === 'geometry') addLazyGeometry(record, geometry);
    else record[key] = parsed[key];
  }
  return record;
}
