/**
 * Writes features to a zipped Shapefile: .shp/.shx geometry (polygons or points), a .dbf with the
 * attributes in the chosen encoding (GBK for older Chinese GIS/CAD software, or UTF-8), a .cpg
 * naming that encoding and a .prj for CGCS2000 geographic coordinates (EPSG:4490).
 */
import { zipSync } from 'fflate';
import type { Feature, Position } from 'geojson';
import { encodeGbk } from './gbk-encoder';

export type ShapefileEncoding = 'utf-8' | 'gbk';

export const CGCS2000_PRJ =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type FieldValue = string | number | boolean | null;
interface Field { name: string; bytesName: Uint8Array; key: string; type: 'C' | 'N'; length: number; decimals: number }

const encoderFor = (encoding: ShapefileEncoding) => (encoding === 'gbk' ? encodeGbk : (text: string) => new TextEncoder().encode(text));

/** Field names are at most 10 bytes in the file's encoding; cut at a character and make unique. */
function fieldNames(keys: string[], encode: (text: string) => Uint8Array): Uint8Array[] {
  const used = new Set<string>();
  return keys.map((key) => {
    let name = '';
    for (const character of key) {
      if (encode(name + character).length > 10) break;
      name += character;
    }
    let candidate = name || 'FIELD';
    for (let suffix = 1; used.has(candidate); suffix++) candidate = `${name.slice(0, 8)}${suffix}`;
    used.add(candidate);
    return encode(candidate);
  });
}

function scalar(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function describeFields(features: readonly Feature[], encode: (text: string) => Uint8Array): Field[] {
  const keys = [...new Set(features.flatMap((feature) => Object.keys(feature.properties ?? {})))];
  const names = fieldNames(keys, encode);
  return keys.map((key, index) => {
    const values = features.map((feature) => scalar(feature.properties?.[key]));
    const numeric = values.every((value) => value === null || (typeof value === 'number' && Number.isFinite(value)));
    if (numeric) {
      const decimals = values.some((value) => typeof value === 'number' && !Number.isInteger(value)) ? 6 : 0;
      const width = Math.max(1, ...values.map((value) => (value === null ? 0 : (value as number).toFixed(decimals).length)));
      return { name: key, bytesName: names[index] as Uint8Array, key, type: 'N', length: Math.min(19, Math.max(width, decimals ? decimals + 2 : 1)), decimals };
    }
    const length = Math.min(254, Math.max(1, ...values.map((value) => (value === null ? 0 : encode(String(value)).length))));
    return { name: key, bytesName: names[index] as Uint8Array, key, type: 'C', length, decimals: 0 };
  });
}

function writeDbf(features: readonly Feature[], encoding: ShapefileEncoding): Uint8Array {
  const encode = encoderFor(encoding);
  const fields = describeFields(features, encode);
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + features.length * recordLength + 1);
  const view = new DataView(bytes.buffer);
  const today = new Date();
  bytes.set([0x03, today.getFullYear() - 1900, today.getMonth() + 1, today.getDate()], 0);
  view.setUint32(4, features.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = encoding === 'gbk' ? 0x4d : 0x00;
  fields.forEach((field, index) => {
    const offset = 32 + index * 32;
    bytes.set(field.bytesName.subarray(0, 10), offset);
    bytes[offset + 11] = field.type.charCodeAt(0);
    bytes[offset + 16] = field.length;
    bytes[offset + 17] = field.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  features.forEach((feature, row) => {
    let offset = headerLength + row * recordLength;
    bytes[offset++] = 0x20;
    for (const field of fields) {
      const value = scalar(feature.properties?.[field.key]);
      let cell: Uint8Array;
      if (field.type === 'N') cell = new TextEncoder().encode(value === null ? '' : (value as number).toFixed(field.decimals).padStart(field.length, ' '));
      else {
        const encoded = encode(value === null ? '' : String(value));
        // Cut long text at a character boundary of the encoding.
        let end = Math.min(encoded.length, field.length);
        if (encoding === 'utf-8') while (end > 0 && end < encoded.length && ((encoded[end] as number) & 0xc0) === 0x80) end--;
        cell = encoded.subarray(0, end);
      }
      bytes.fill(0x20, offset, offset + field.length);
      bytes.set(cell.subarray(0, field.length), field.type === 'N' ? offset + field.length - Math.min(cell.length, field.length) : offset);
      offset += field.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

function polygonRings(feature: Feature): Position[][] {
  const geometry = feature.geometry;
  if (!geometry) return [];
  // Shapefile rings: shells clockwise, holes counter-clockwise (the reverse of RFC 7946).
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.flatMap((polygon) => polygon.map((ring) => [...ring].reverse()));
}

interface ShapeRecord { content: Uint8Array; bbox: [number, number, number, number] | null }

function shapeRecord(feature: Feature, shapeType: 1 | 5): ShapeRecord {
  if (shapeType === 1) {
    if (feature.geometry?.type !== 'Point') return { content: new Uint8Array(4), bbox: null };
    const [x, y] = feature.geometry.coordinates as [number, number];
    const content = new Uint8Array(20);
    const view = new DataView(content.buffer);
    view.setInt32(0, 1, true);
    view.setFloat64(4, x, true);
    view.setFloat64(12, y, true);
    return { content, bbox: [x, y, x, y] };
  }
  const rings = polygonRings(feature);
  if (rings.length === 0) return { content: new Uint8Array(4), bbox: null };
  const points = rings.flat() as [number, number][];
  const bbox: [number, number, number, number] = [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];
  const content = new Uint8Array(44 + rings.length * 4 + points.length * 16);
  const view = new DataView(content.buffer);
  view.setInt32(0, 5, true);
  bbox.forEach((value, index) => view.setFloat64(4 + index * 8, value, true));
  view.setInt32(36, rings.length, true);
  view.setInt32(40, points.length, true);
  let start = 0;
  rings.forEach((ring, index) => {
    view.setInt32(44 + index * 4, start, true);
    start += ring.length;
  });
  const pointsStart = 44 + rings.length * 4;
  points.forEach(([x, y], index) => {
    view.setFloat64(pointsStart + index * 16, x, true);
    view.setFloat64(pointsStart + index * 16 + 8, y, true);
  });
  return { content, bbox };
}

function writeHeader(view: DataView, fileBytes: number, shapeType: number, bbox: number[]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  bbox.forEach((value, index) => view.setFloat64(36 + index * 8, value, true));
}

function writeShpAndShx(features: readonly Feature[], shapeType: 1 | 5): { shp: Uint8Array; shx: Uint8Array } {
  const records = features.map((feature) => shapeRecord(feature, shapeType));
  const boxes = records.map((record) => record.bbox).filter((box): box is [number, number, number, number] => box !== null);
  const bbox = boxes.length ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))] : [0, 0, 0, 0];
  const shpLength = 100 + records.reduce((sum, record) => sum + 8 + record.content.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + records.length * 8);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  writeHeader(shpView, shpLength, shapeType, bbox);
  writeHeader(shxView, shx.length, shapeType, bbox);
  let offset = 100;
  records.forEach((record, index) => {
    shpView.setInt32(offset, index + 1, false);
    shpView.setInt32(offset + 4, record.content.length / 2, false);
    shp.set(record.content, offset + 8);
    shxView.setInt32(100 + index * 8, offset / 2, false);
    shxView.setInt32(100 + index * 8 + 4, record.content.length / 2, false);
    offset += 8 + record.content.length;
  });
  return { shp, shx };
}

/** The zipped Shapefile of the features (all points or all polygons) as `<layerName>.*` entries. */
export function writeShapefileZip(features: readonly Feature[], layerName: string, encoding: ShapefileEncoding): Uint8Array {
  const shapeType = features.some((feature) => feature.geometry?.type === 'Point') ? 1 : 5;
  const { shp, shx } = writeShpAndShx(features, shapeType);
  const text = (value: string) => new TextEncoder().encode(value);
  return zipSync({
    [`${layerName}.shp`]: shp,
    [`${layerName}.shx`]: shx,
    [`${layerName}.dbf`]: writeDbf(features, encoding),
    [`${layerName}.prj`]: text(CGCS2000_PRJ),
    [`${layerName}.cpg`]: text(encoding === 'gbk' ? 'GBK' : 'UTF-8'),
  });
}
