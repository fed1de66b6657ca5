/**
 * Turns a table (a CSV file or a worksheet: a header row and rows of cells) into candidate
 * features: the geometry comes from a WKT column or from a pair of coordinate columns (lon/lat,
 * x/y, 经度/纬度, X/Y 坐标 …), every other column becomes an attribute. Surveyors' X/Y (X north,
 * Y east) is recognised from the numbers and exchanged. Rows whose coordinates are missing or not
 * numbers keep a null / NaN geometry so validation reports them by row; nothing is dropped.
 */
import type { Feature, Geometry } from 'geojson';
import { gaussKrugerCentralMeridian, gaussKrugerThreeDegreeZone, type CoordinateSystem } from '../domain/coordinate-system';
import { UNSAFE_KEYS } from './geojson-reader';
import type { ImportedLayer } from './imported-layer';
import { looksLikeWkt, readWkt } from './wkt-reader';

export type TableCell = string | number | null;

export interface Table {
  header: string[];
  rows: TableCell[][];
}

/** Header → lookup name: units in brackets, spaces, underscores and punctuation removed, lower case. */
const normalise = (header: string) => header.trim().toLowerCase().replace(/[(（[【][^)）\]】]*[)）\]】]/g, '').replace(/[\s_:：-]/g, '');

const X_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', '经度', 'x坐标', '东经', '东坐标', 'easting', 'east', 'e', 'dx', 'xcoord', 'pointx'];
const Y_NAMES = ['lat', 'latitude', 'y', '纬度', 'y坐标', '北纬', '北坐标', 'northing', 'north', 'n', 'dy', 'ycoord', 'pointy'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'thegeom', 'shape', '几何', '图形', 'wkt几何', '空间信息'];

/** The value as an attribute: a formula-neutralising apostrophe (as our CSV export writes) is removed again. */
function attributeValue(cell: TableCell): string | number | null {
  if (typeof cell === 'string') return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
  return cell;
}

function numberOf(cell: TableCell): number | null {
  if (cell === null || cell === '') return null;
  if (typeof cell === 'number') return cell;
  const text = cell.trim().replace(/,/g, '');
  return text === '' ? null : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

function rowList(rows: number[]): string {
  return `${rows.slice(0, 20).join('、')}${rows.length > 20 ? ` 等 ${rows.length} 行` : ''}`;
}

/** Finds the geometry columns: a WKT column by name or content, else an x/y pair. */
export function geometryColumns(table: Table): { wkt: number } | { x: number; y: number } | null {
  const names = table.header.map(normalise);
  const byName = names.findIndex((name) => WKT_NAMES.includes(name));
  if (byName >= 0) return { wkt: byName };
  const firstRow = table.rows.find((row) => row.some((cell) => cell !== null && cell !== ''));
  const byContent = firstRow?.findIndex((cell) => typeof cell === 'string' && looksLikeWkt(cell)) ?? -1;
  if (byContent >= 0) return { wkt: byContent };
  const x = names.findIndex((name) => X_NAMES.includes(name));
  const y = names.findIndex((name) => Y_NAMES.includes(name));
  return x >= 0 && y >= 0 && x !== y ? { x, y } : null;
}

/**
 * Surveyors write X for the northing and Y for the easting: when the "x" column holds values like
 * northings in China (2.0e6–6.0e6 m) and the "y" column eastings (0.1e6–0.9e6 m or zone-prefixed
 * 2.5e7–4.6e7 m), the columns are exchanged.
 */
function surveyorsAxes(xs: number[], ys: number[]): boolean {
  if (xs.length === 0) return false;
  const northing = (value: number) => value > 2.0e6 && value < 6.0e6;
  const easting = (value: number) => (value > 1e5 && value < 9e5) || (value > 2.5e7 && value < 4.6e7);
  return xs.every(northing) && ys.every(easting);
}

/** The coordinate system of an EPSG code Chinese data uses: CGCS2000 / WGS84 degrees, CGCS2000 3° zones 25–45 (4513–4533) and CM 75–135°E (4534–4554), Web Mercator. */
export function coordinateSystemOfEpsg(code: number): CoordinateSystem | null {
  if (code === 4490 || code === 4326) return { kind: 'geographic', name: `EPSG:${code} 经纬度` };
  if (code === 3857 || code === 900913) return { kind: 'webMercator', name: `EPSG:${code} Web 墨卡托` };
  if (code >= 4513 && code <= 4533) return gaussKrugerThreeDegreeZone(code - 4513 + 25);
  if (code >= 4534 && code <= 4554) return gaussKrugerCentralMeridian(75 + (code - 4534) * 3);
  return null;
}

/** Builds the layer: one feature per data row, in row order. */
export function tableToLayer(table: Table, name: string, encoding: string | null): { ok: true; layer: ImportedLayer } | { ok: false; error: string } {
  const columns = geometryColumns(table);
  if (!columns) {
    return { ok: false, error: `${name}：没有找到坐标列（经度/纬度、lon/lat、x/y、X坐标/Y坐标）或 WKT 列；表头为：${table.header.slice(0, 12).join('、')}` };
  }
  const warnings: string[] = [];
  const unsafe = table.header.filter((header) => UNSAFE_KEYS.has(header.trim()));
  if (unsafe.length > 0) warnings.push(`列名 ${unsafe.map((header) => `「${header}」`).join('、')} 不安全，该列未导入`);
  const geometryIndexes = new Set('wkt' in columns ? [columns.wkt] : [columns.x, columns.y]);
  const used = new Set<string>();
  const keys = table.header.map((header, index) => {
    const trimmed = header.trim();
    if (geometryIndexes.has(index) || UNSAFE_KEYS.has(trimmed)) return null;
    let key = trimmed || `列${index + 1}`;
    for (let suffix = 2; used.has(key); suffix++) key = `${trimmed || `列${index + 1}`}_${suffix}`;
    used.add(key);
    return key;
  });
  const missing: number[] = [];
  const notNumbers: number[] = [];
  const badWkt: string[] = [];
  let swap = false;
  if ('x' in columns) {
    const pairs = table.rows.map((row) => [numberOf(row[columns.x] ?? null), numberOf(row[columns.y] ?? null)] as const)
      .filter((pair): pair is readonly [number, number] => pair[0] !== null && pair[1] !== null && Number.isFinite(pair[0]) && Number.isFinite(pair[1]));
    swap = surveyorsAxes(pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1]));
    if (swap) warnings.push(`按测量习惯（X 为北坐标、Y 为东坐标）交换了「${table.header[columns.x]}」和「${table.header[columns.y]}」`);
  }
  const srids = new Set<number>();
  const features: Feature[] = table.rows.map((row, rowIndex) => {
    const rowNumber = rowIndex + 2; // the header is row 1
    let geometry: Geometry | null = null;
    if ('wkt' in columns) {
      const cell = row[columns.wkt];
      if (typeof cell === 'string' && cell.trim() !== '') {
        const read = readWkt(cell);
        if (read.ok) {
          geometry = read.geometry;
          if (read.srid !== null) srids.add(read.srid);
        } else badWkt.push(`第 ${rowNumber} 行：${read.error}`);
      } else missing.push(rowNumber);
    } else {
      const x = numberOf(row[columns.x] ?? null);
      const y = numberOf(row[columns.y] ?? null);
      if (x === null || y === null) missing.push(rowNumber);
      else {
        if (!Number.isFinite(x) || !Number.isFinite(y)) notNumbers.push(rowNumber);
        geometry = { type: 'Point', coordinates: swap ? [y, x] : [x, y] };
      }
    }
    const properties: Record<string, unknown> = {};
    keys.forEach((key, index) => { if (key !== null) properties[key] = attributeValue(row[index] ?? null); });
    return { type: 'Feature', geometry: geometry as Geometry, properties };
  });
  if (missing.length > 0) warnings.push(`第 ${rowList(missing)} 行缺少${'wkt' in columns ? ' WKT' : '坐标'}`);
  if (notNumbers.length > 0) warnings.push(`第 ${rowList(notNumbers)} 行坐标不是数字`);
  if (badWkt.length > 0) warnings.push(...badWkt.slice(0, 20), ...(badWkt.length > 20 ? [`另有 ${badWkt.length - 20} 行 WKT 无法解析`] : []));
  const declared = srids.size === 1 ? coordinateSystemOfEpsg([...srids][0] as number) : null;
  if (srids.size > 1 || (srids.size === 1 && !declared)) warnings.push(`WKT 声明的 SRID ${[...srids].join('、')} 未采用，按坐标数值判断坐标系`);
  return { ok: true, layer: { name, features, strippedKeys: new Map(), coordinateSystem: declared, encoding, warnings } };
}
