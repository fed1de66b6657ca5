/**
 * GeoJSON geometries kept as two typed arrays — nesting counts and x, y positions — and read back
 * as GeoJSON, or walked ring by ring without building any arrays (what map buffers and statistics
 * packing need). The layout: positions of a MultiPoint or LineString; lines or rings of a
 * MultiLineString or Polygon, each followed by its positions; polygons of a MultiPolygon, each
 * followed by its rings and theirs.
 */
import type { Geometry } from 'geojson';

/** Code `i + 1` is a packed geometry of type PACKED_GEOMETRY_TYPES[i]; PACKED_DEPTHS[i] is how deep its positions are nested. */
export const PACKED_GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export const PACKED_DEPTHS = [0, 1, 1, 2, 2, 3] as const;

/** Reads packed geometries in order from a place in the arrays. */
export class GeometryReader {
  constructor(
    private readonly counts: Uint32Array,
    private readonly coordinates: Float64Array,
    /** The next count to read. */
    public count = 0,
    /** The next coordinate to read (x of a position). */
    public coordinate = 0,
  ) {}

  /** The next position. */
  position(): number[] {
    const position = [this.coordinates[this.coordinate] as number, this.coordinates[this.coordinate + 1] as number];
    this.coordinate += 2;
    return position;
  }

  /** The next count's worth of positions. */
  positions(): number[][] {
    const positionCount = this.counts[this.count++] as number;
    const positions: number[][] = new Array(positionCount);
    for (let index = 0; index < positionCount; index++) positions[index] = this.position();
    return positions;
  }

  /** The next count's worth of lines (or rings). */
  lines(): number[][][] {
    const lineCount = this.counts[this.count++] as number;
    const lines: number[][][] = new Array(lineCount);
    for (let index = 0; index < lineCount; index++) lines[index] = this.positions();
    return lines;
  }

  /** The next count's worth of polygons. */
  polygons(): number[][][][] {
    const polygonCount = this.counts[this.count++] as number;
    const polygons: number[][][][] = new Array(polygonCount);
    for (let index = 0; index < polygonCount; index++) polygons[index] = this.lines();
    return polygons;
  }

  /** The next geometry of type code `type`, as GeoJSON. */
  geometry(type: number): { type: string; coordinates: unknown } {
    const depth = PACKED_DEPTHS[type - 1] as number;
    const coordinates = depth === 0 ? this.position() : depth === 1 ? this.positions() : depth === 2 ? this.lines() : this.polygons();
    return { type: PACKED_GEOMETRY_TYPES[type - 1] as string, coordinates };
  }

  /** Moves past the next geometry of type code `type` without building it. */
  skip(type: number): void {
    this.skipNested(PACKED_DEPTHS[type - 1] as number);
  }

  private skipNested(depth: number): void {
    if (depth === 0) {
      this.coordinate += 2;
      return;
    }
    const itemCount = this.counts[this.count++] as number;
    if (depth === 1) this.coordinate += 2 * itemCount;
    else for (let index = 0; index < itemCount; index++) this.skipNested(depth - 1);
  }
}

/**
 * Called for each ring of a polygonal geometry, in order: the polygon (0 for a Polygon), the ring
 * within it (0 the exterior), where its first x is in the coordinates, and how many positions it has.
 */
export type RingVisitor = (polygon: number, ring: number, firstCoordinate: number, positionCount: number) => void;

/** One geometry in packed arrays (shared with the geometries around it), built as GeoJSON on demand. */
export class PackedGeometry {
  constructor(
    /** Type code: 1 + index into PACKED_GEOMETRY_TYPES. */
    readonly typeCode: number,
    readonly counts: Uint32Array,
    readonly coordinates: Float64Array,
    /** Where its first count is. */
    readonly count: number,
    /** Where its first coordinate is. */
    readonly coordinate: number,
  ) {}

  get type(): (typeof PACKED_GEOMETRY_TYPES)[number] {
    return PACKED_GEOMETRY_TYPES[this.typeCode - 1] as (typeof PACKED_GEOMETRY_TYPES)[number];
  }

  /** The geometry as GeoJSON (new arrays each call). */
  build(): Geometry {
    return new GeometryReader(this.counts, this.coordinates, this.count, this.coordinate).geometry(this.typeCode) as Geometry;
  }

  /**
   * Visits the rings of a Polygon or MultiPolygon (nothing for other types), and each polygon
   * before its rings (an empty one too); returns its polygon count.
   */
  forEachRing(visit: RingVisitor, visitPolygon?: (polygon: number, ringCount: number) => void): number {
    const { counts } = this;
    let count = this.count;
    let coordinate = this.coordinate;
    const type = this.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') return 0;
    const polygonCount = type === 'Polygon' ? 1 : (counts[count++] as number);
    for (let polygon = 0; polygon < polygonCount; polygon++) {
      const ringCount = counts[count++] as number;
      visitPolygon?.(polygon, ringCount);
      for (let ring = 0; ring < ringCount; ring++) {
        const positionCount = counts[count++] as number;
        visit(polygon, ring, coordinate, positionCount);
        coordinate += 2 * positionCount;
      }
    }
    return polygonCount;
  }
}
