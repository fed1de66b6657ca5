/**
 * Turns the files a user picked into import sources: GeoJSON files one by one, Shapefile parts
 * (a .zip, or loose .shp/.dbf/.prj/.cpg) grouped into layers, KML / KMZ / DXF / CSV / .xlsx through
 * their readers (src/io/format-readers.ts); then decides each source's
 * coordinate system (the user's choice, else the .prj, else the numbers) and converts copies of
 * the geometries to CGCS2000 degrees. A source whose system cannot be decided stops the import.
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { CoordinateSystem } from '../domain/coordinate-system';
import { detectCoordinateSystem, landsInChina, toGeographic } from '../geo/reproject';
import { readGeoJsonText } from '../io/geojson-reader';
import { isShapefilePart, readShapefileSet, readShapefileZip, type ShapefileLayer } from '../io/shapefile-reader';
import { isFormatFile, readFormatFile } from '../io/format-readers';

export interface FileLike {
  name: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportSource {
  label: string;
  /** Candidate features with geometry already in CGCS2000 degrees. */
  features: unknown[];
  strippedKeys: Map<number, string[]>;
  coordinateSystem: string;
  encoding: string | null;
  warnings: string[];
  /** How the system was decided: the user's choice, the file's own (.prj), or detected from the numbers. */
  decidedBy?: 'user' | 'file' | 'numbers';
}

/** `coordinateQuestion`: the failure is a coordinate system the user must choose. */
export type SourcesResult = { ok: true; sources: ImportSource[] } | { ok: false; error: string; coordinateQuestion?: boolean };

interface RawSource {
  label: string;
  features: unknown[];
  strippedKeys: Map<number, string[]>;
  declared: CoordinateSystem | null;
  encoding: string | null;
  warnings: string[];
}

function samplePositions(features: readonly unknown[], limit = 200): Position[] {
  const positions: Position[] = [];
  const visit = (value: unknown): void => {
    if (positions.length >= limit || !Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      if (typeof value[1] === 'number' && Number.isFinite(value[0]) && Number.isFinite(value[1])) positions.push(value as Position);
      return;
    }
    for (const child of value) visit(child);
  };
  for (const feature of features) visit(((feature as Feature | null)?.geometry as { coordinates?: unknown } | null)?.coordinates);
  return positions;
}

function convert(raw: RawSource, chosen: CoordinateSystem | undefined): { ok: true; source: ImportSource } | { ok: false; error: string; coordinateQuestion?: boolean } {
  const sample = samplePositions(raw.features);
  let system = chosen ?? raw.declared;
  if (!system) {
    const detection = detectCoordinateSystem(sample);
    if (detection.kind === 'ambiguous') return { ok: false, error: `${raw.label}：${detection.reason}`, coordinateQuestion: true };
    system = detection.system;
  }
  if (system.kind !== 'geographic' && sample.length > 0 && !landsInChina(sample, system)) {
    return { ok: false, error: `${raw.label}：按「${system.name}」换算后坐标不在中国范围内，请选择正确的坐标系`, coordinateQuestion: true };
  }
  const features = system.kind === 'geographic' ? raw.features : raw.features.map((feature) => {
    const geometry = (feature as Feature | null)?.geometry;
    if (!geometry || typeof geometry !== 'object' || !('type' in geometry)) return feature;
    try {
      return { ...(feature as Feature), geometry: toGeographic(geometry as Geometry, system) };
    } catch {
      return feature; // malformed coordinates: validation reports them
    }
  });
  return { ok: true, source: { label: raw.label, features, strippedKeys: raw.strippedKeys, coordinateSystem: system.name, encoding: raw.encoding, warnings: raw.warnings, decidedBy: chosen ? 'user' : raw.declared ? 'file' : 'numbers' } };
}

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030' };
const ENCODING_SOURCES: Record<string, string> = { cpg: '.cpg', 'dbf-language-driver': 'DBF 语言标识', detected: '自动识别' };

async function readRawSources(files: readonly FileLike[]): Promise<{ ok: true; raw: RawSource[] } | { ok: false; error: string }> {
  const raw: RawSource[] = [];
  const looseParts = new Map<string, Uint8Array>();
  for (const file of files) {
    const lower = file.name.toLowerCase();
    if (lower.endsWith('.zip') || isShapefilePart(lower)) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!lower.endsWith('.zip')) { looseParts.set(file.name, bytes); continue; }
      const result = readShapefileZip(bytes, file.name);
      if (!result.ok) return { ok: false, error: `${file.name}：${result.error}` };
      raw.push(...result.layers.map((layer) => shapefileSource(`${file.name} / ${layer.name}`, layer)));
    } else if (isFormatFile(lower)) {
      // KML / KMZ / DXF / CSV / .xlsx: the reader says what the file declares (KML: WGS84; WKT: its SRID).
      const result = await readFormatFile(file.name, new Uint8Array(await file.arrayBuffer()));
      if (!result.ok) return result;
      raw.push(...result.layers.map((layer) => ({
        label: result.layers.length > 1 ? `${file.name} / ${layer.name}` : file.name, features: layer.features,
        strippedKeys: layer.strippedKeys, declared: layer.coordinateSystem, encoding: layer.encoding, warnings: layer.warnings,
      })));
    } else {
      const read = readGeoJsonText(await file.text(), file.name);
      if (!read.ok) return read;
      raw.push({ label: file.name, features: read.value.features, strippedKeys: read.value.strippedKeys, declared: null, encoding: 'UTF-8', warnings: [] });
    }
  }
  if (looseParts.size > 0) {
    const result = readShapefileSet(looseParts);
    if (!result.ok) return result;
    raw.push(...result.layers.map((layer) => shapefileSource(`${layer.name}.shp`, layer)));
  }
  return { ok: true, raw };
}

function shapefileSource(label: string, layer: ShapefileLayer): RawSource {
  const encoding = layer.encoding ? `${ENCODING_NAMES[layer.encoding.encoding] ?? layer.encoding.encoding}（${ENCODING_SOURCES[layer.encoding.source] ?? layer.encoding.source}）` : null;
  return { label, features: layer.features, strippedKeys: new Map(), declared: layer.coordinateSystem, encoding, warnings: layer.warnings };
}

/** Reads and converts every source; `chosen` overrides every file's own coordinate system. */
export async function readImportSources(files: readonly FileLike[], chosen?: CoordinateSystem): Promise<SourcesResult> {
  const read = await readRawSources(files);
  if (!read.ok) return read;
  const sources: ImportSource[] = [];
  for (const raw of read.raw) {
    const converted = convert(raw, chosen);
    if (!converted.ok) return converted;
    sources.push(converted.source);
  }
  return { ok: true, sources };
}
