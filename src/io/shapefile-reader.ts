/**
 * Reads Shapefiles — a .zip or the loose .shp/.dbf/.prj/.cpg files — into candidate features in
 * their source coordinates, with the coordinate system from the .prj (if any) and the text
 * encoding used for the attributes.
 */
import type { Feature } from 'geojson';
import type { CoordinateSystem } from '../domain/coordinate-system';
import { readDbf } from './dbf-reader';
import { readPrj } from './prj-reader';
import { readShp } from './shp-reader';
import type { EncodingDecision } from './text-encoding';
import { readZip, type ZipLimits } from './zip-reader';

export interface ShapefileLayer {
  /** The layer's base name, e.g. `违建图斑` for 违建图斑.shp. */
  name: string;
  features: Feature[];
  coordinateSystem: CoordinateSystem | null;
  encoding: EncodingDecision | null;
  warnings: string[];
}

export type ShapefileResult = { ok: true; layers: ShapefileLayer[] } | { ok: false; error: string };

const SHAPEFILE_PARTS = ['shp', 'dbf', 'prj', 'cpg', 'shx', 'sbn', 'sbx', 'qix', 'xml'];

export function isShapefilePart(fileName: string): boolean {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return SHAPEFILE_PARTS.includes(extension);
}

function splitName(path: string): { base: string; extension: string } {
  const name = path.split('/').pop() ?? path;
  const dot = name.lastIndexOf('.');
  return dot < 0 ? { base: name, extension: '' } : { base: name.slice(0, dot), extension: name.slice(dot + 1).toLowerCase() };
}

/** Reads every .shp among the named files (paths may include folders, as in a zip). */
export function readShapefileSet(files: ReadonlyMap<string, Uint8Array>): ShapefileResult {
  const groups = new Map<string, Map<string, Uint8Array>>();
  for (const [path, bytes] of files) {
    if (path.startsWith('__MACOSX/')) continue;
    const { base, extension } = splitName(path);
    const key = `${path.slice(0, path.length - (extension.length + 1 + base.length))}${base}`;
    const group = groups.get(key) ?? new Map<string, Uint8Array>();
    group.set(extension, bytes);
    groups.set(key, group);
  }
  const layers: ShapefileLayer[] = [];
  for (const [key, group] of groups) {
    const shp = group.get('shp');
    if (!shp) continue;
    const name = splitName(key).base;
    const geometries = readShp(shp, `${name}.shp`);
    if (!geometries.ok) return { ok: false, error: geometries.error };
    const warnings: string[] = [];
    const dbfBytes = group.get('dbf');
    const cpg = group.get('cpg');
    const table = dbfBytes ? readDbf(dbfBytes, `${name}.dbf`, cpg ? new TextDecoder().decode(cpg) : null) : null;
    if (table && !table.ok) return { ok: false, error: table.error };
    if (!dbfBytes) warnings.push(`${name}：缺少 .dbf，要素没有属性`);
    if (table?.ok && table.value.renamedFields.length > 0) warnings.push(`${name}：字段名 ${table.value.renamedFields.join('、')} 不安全，已加后缀 _`);
    let coordinateSystem: CoordinateSystem | null = null;
    const prj = group.get('prj');
    if (prj) {
      const parsed = readPrj(new TextDecoder().decode(prj));
      if (parsed.ok) coordinateSystem = parsed.value;
      else warnings.push(`${name}.prj：${parsed.error}，将按坐标数值判断坐标系`);
    }
    const records = table?.ok ? table.value.records : [];
    const features: Feature[] = geometries.geometries.map((geometry, index) => ({
      type: 'Feature', geometry: geometry as Feature['geometry'], properties: { ...(records[index] ?? {}) },
    }));
    layers.push({ name, features, coordinateSystem, encoding: table?.ok ? table.value.encoding : null, warnings });
  }
  if (layers.length === 0) return { ok: false, error: '没有找到 .shp 文件（Shapefile 至少需要 .shp，属性需要 .dbf）' };
  return { ok: true, layers };
}

export function readShapefileZip(bytes: Uint8Array, fileName: string, limits?: ZipLimits): ShapefileResult {
  const zip = readZip(bytes, fileName, limits);
  if (!zip.ok) return zip;
  return readShapefileSet(zip.entries);
}
