/**
 * Reads the geometry of a Shapefile (.shp): points and polygons (with their Z/M variants), in the
 * file's own coordinates. Shapefile rings are clockwise for shells and counter-clockwise for
 * holes; each hole is given to the shell that contains it.
 */
import type { Geometry, Position } from 'geojson';

export type ShpResult = { ok: true; geometries: (Geometry | null)[]; shapeType: number } | { ok: false; error: string };

const POINT_TYPES = new Set([1, 11, 21]);
const POLYGON_TYPES = new Set([5, 15, 25]);

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index++) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[index + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

function ringContains(ring: Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > (y as number) !== yj > (y as number) && (x as number) < ((xj - xi) * ((y as number) - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Groups rings into polygons: clockwise rings are shells, the others holes of the shell containing them. */
export function ringsToGeometry(rings: Position[][]): Geometry | null {
  const shells: Position[][][] = [];
  const holes: Position[][] = [];
  for (const ring of rings) (signedArea(ring) <= 0 ? shells.push([ring]) : holes.push(ring));
  if (shells.length === 0 && holes.length > 0) for (const hole of holes.splice(0)) shells.push([hole]);
  for (const hole of holes) {
    const owner = shells.find((polygon) => ringContains(polygon[0] as Position[], hole[0] as Position));
    // A hole outside every shell is kept as its own polygon; validation reports it.
    if (owner) owner.push(hole);
    else shells.push([hole]);
  }
  if (shells.length === 0) return null;
  return shells.length === 1 ? { type: 'Polygon', coordinates: shells[0] as Position[][] } : { type: 'MultiPolygon', coordinates: shells };
}

function readPolygon(view: DataView, offset: number, end: number): Geometry | null {
  const partCount = view.getInt32(offset + 36, true);
  const pointCount = view.getInt32(offset + 40, true);
  const partsStart = offset + 44;
  const pointsStart = partsStart + partCount * 4;
  if (partCount < 0 || pointCount < 0 || pointsStart + pointCount * 16 > end) throw new RangeError('多边形记录长度不符');
  const starts = Array.from({ length: partCount }, (_, index) => view.getInt32(partsStart + index * 4, true));
  const rings = starts.map((start, index) => {
    const stop = index + 1 < partCount ? (starts[index + 1] as number) : pointCount;
    const ring: Position[] = [];
    for (let point = start; point < stop; point++) ring.push([view.getFloat64(pointsStart + point * 16, true), view.getFloat64(pointsStart + point * 16 + 8, true)]);
    return ring;
  });
  return ringsToGeometry(rings.filter((ring) => ring.length > 0));
}

export function readShp(bytes: Uint8Array, fileName: string): ShpResult {
  if (bytes.length < 100) return { ok: false, error: `${fileName} 不是有效的 SHP 文件（过短）` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== 9994) return { ok: false, error: `${fileName} 不是 SHP 文件（文件标识不是 9994）` };
  const shapeType = view.getInt32(32, true);
  if (!POINT_TYPES.has(shapeType) && !POLYGON_TYPES.has(shapeType)) return { ok: false, error: `${fileName} 的几何类型（${shapeType}）不是点或面，暂不支持` };
  const geometries: (Geometry | null)[] = [];
  let offset = 100;
  try {
    while (offset + 8 <= bytes.length) {
      const contentBytes = view.getInt32(offset + 4, false) * 2;
      const start = offset + 8;
      const end = start + contentBytes;
      if (contentBytes < 4 || end > bytes.length) throw new RangeError(`记录 ${geometries.length + 1} 超出文件末尾`);
      const recordType = view.getInt32(start, true);
      if (recordType === 0) geometries.push(null);
      else if (POINT_TYPES.has(recordType)) geometries.push({ type: 'Point', coordinates: [view.getFloat64(start + 4, true), view.getFloat64(start + 12, true)] });
      else if (POLYGON_TYPES.has(recordType)) geometries.push(readPolygon(view, start, end));
      else geometries.push(null);
      offset = end;
    }
  } catch (error) {
    return { ok: false, error: `${fileName} 已损坏：${(error as Error).message}` };
  }
  return { ok: true, geometries, shapeType };
}
