/**
 * Reads KML and KMZ into candidate features without a browser DOM (so it runs in a worker and in
 * Node): @xmldom/xmldom parses, @tmcw/togeojson converts the geometry. The attributes are read here
 * instead — togeojson looks SimpleData names up in a plain object, so names like `__proto__` or
 * `hasOwnProperty` crash it — and descriptions, which togeojson returns as HTML objects, become
 * plain text. MultiGeometry of polygons becomes a MultiPolygon; a KMZ is unzipped with limits.
 */
import { kmlGen } from '@tmcw/togeojson';
import { DOMParser, type Document as XmlDocument, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { safeProperties, WGS84_DEGREES, type ImportedLayer, type ImportedLayersResult } from './imported-layer';
import { decodeText, ENCODING_LABELS, sniffTextEncoding, encodingFromCodePage, type TextEncodingName } from './text-encoding';
import { readZip, type ZipLimits } from './zip-reader';

export const KML_MAX_BYTES = 200 * 1024 * 1024;
export const KML_MAX_DEPTH = 64;
/** A KMZ holds a few MB of KML at most in practice; anything inflating past this is refused. */
export const KMZ_LIMITS: ZipLimits = { maxEntries: 500, maxEntryBytes: KML_MAX_BYTES, maxTotalBytes: 256 * 1024 * 1024 };

const NUMERIC_TYPES = new Set(['int', 'uint', 'short', 'ushort', 'float', 'double']);

function elements(parent: XmlDocument | XmlElement, tag: string): XmlElement[] {
  return Array.from(parent.getElementsByTagName(tag) as unknown as ArrayLike<XmlElement>);
}

function textOf(node: XmlNode | null | undefined): string {
  return (node?.textContent ?? '').trim();
}

/** The nesting depth of the document, walked iteratively so a hostile file cannot overflow the stack. */
function depthOf(document: XmlDocument, limit: number): number {
  let deepest = 0;
  const stack: [XmlNode, number][] = [[document as unknown as XmlNode, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [XmlNode, number];
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** HTML description → text: scripts and styles dropped, breaks kept as line ends, tags removed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** SimpleField types per schema id (`#id` in schemaUrl), in Maps so no attribute name can reach a prototype. */
function schemaTypes(document: XmlDocument): Map<string, Map<string, string>> {
  const schemas = new Map<string, Map<string, string>>();
  for (const schema of elements(document, 'Schema')) {
    const fields = new Map<string, string>();
    for (const field of elements(schema, 'SimpleField')) fields.set(field.getAttribute('name') ?? '', field.getAttribute('type') ?? 'string');
    for (const key of [schema.getAttribute('id'), schema.getAttribute('name')]) if (key) schemas.set(key, fields);
    schema.parentNode?.removeChild(schema);
  }
  return schemas;
}

/** Reads a Placemark's ExtendedData and removes it, so togeojson never sees the attribute names. */
function takeExtendedData(placemark: XmlElement, schemas: Map<string, Map<string, string>>, stripped: string[]): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const extended of elements(placemark, 'ExtendedData')) {
    for (const data of elements(extended, 'Data')) entries.push([data.getAttribute('name') ?? '', textOf(elements(data, 'value')[0])]);
    for (const schemaData of elements(extended, 'SchemaData')) {
      const types = schemas.get((schemaData.getAttribute('schemaUrl') ?? '').replace(/^.*#/, ''));
      for (const simple of elements(schemaData, 'SimpleData')) {
        const name = simple.getAttribute('name') ?? '';
        const value = textOf(simple);
        const number = Number(value);
        entries.push([name, NUMERIC_TYPES.has(types?.get(name) ?? '') && value !== '' && Number.isFinite(number) ? number : value]);
      }
    }
    extended.parentNode?.removeChild(extended);
  }
  const names = new Set<string>();
  return entries.filter(([name]) => {
    if (name === '') { stripped.push('(空字段名)'); return false; }
    if (names.has(name)) return false;
    names.add(name);
    return true;
  });
}

/** MultiGeometry arrives as a GeometryCollection: polygons become a MultiPolygon (other parts reported). */
function simplifyGeometry(geometry: Geometry | null, warn: (message: string) => void): Geometry | null {
  if (!geometry || geometry.type !== 'GeometryCollection') return geometry;
  const polygons = geometry.geometries.filter((member): member is Polygon => member.type === 'Polygon');
  if (polygons.length === 0) return geometry.geometries.length === 1 ? (geometry.geometries[0] as Geometry) : geometry;
  if (polygons.length < geometry.geometries.length) warn(`MultiGeometry 中的 ${geometry.geometries.length - polygons.length} 个点/线部件未导入（只取面）`);
  return polygons.length === 1 ? polygons[0] as Polygon : { type: 'MultiPolygon', coordinates: polygons.map((polygon) => polygon.coordinates) };
}

function flatten(geometry: Geometry | null): Geometry | null {
  const two = (position: Position): Position => [position[0] as number, position[1] as number];
  if (!geometry) return null;
  switch (geometry.type) {
    case 'Point': return { type: 'Point', coordinates: two(geometry.coordinates) };
    case 'LineString': return { type: 'LineString', coordinates: geometry.coordinates.map(two) };
    case 'Polygon': return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(two)) };
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(two))) };
    default: return geometry;
  }
}

/** The encoding named in the XML declaration, else sniffed from the bytes. */
function xmlEncoding(bytes: Uint8Array): TextEncodingName {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(head)?.[1];
  return (declared ? encodingFromCodePage(declared) : null) ?? sniffTextEncoding(bytes);
}

/** Reads one KML document (bytes, so a GBK-declared file is decoded correctly). */
export function readKml(bytes: Uint8Array, fileName: string): { ok: true; layer: ImportedLayer } | { ok: false; error: string } {
  if (bytes.length > KML_MAX_BYTES) return { ok: false, error: `文件 ${fileName} 超过大小上限（${KML_MAX_BYTES / 1048576} MB）` };
  const encoding = xmlEncoding(bytes);
  const text = decodeText(bytes, encoding);
  const problems: string[] = [];
  let document: XmlDocument;
  try {
    document = new DOMParser({
      onError: (level: string, message: string) => { if (level !== 'warning') problems.push(message); },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    return { ok: false, error: `文件 ${fileName} 不是有效的 XML：${(error as Error).message.split('\n')[0]}` };
  }
  if (problems.length > 0) return { ok: false, error: `文件 ${fileName} 不是有效的 XML：${problems[0]?.split('\n')[0]}` };
  if (document.documentElement?.localName !== 'kml') return { ok: false, error: `文件 ${fileName} 不是 KML（根元素应为 <kml>）` };
  if (depthOf(document, KML_MAX_DEPTH) > KML_MAX_DEPTH) return { ok: false, error: `文件 ${fileName} 嵌套层级超过 ${KML_MAX_DEPTH} 层，拒绝读取` };

  const schemas = schemaTypes(document);
  const strippedKeys = new Map<number, string[]>();
  const placemarks = elements(document, 'Placemark');
  const extended = placemarks.map((placemark, index) => {
    const stripped: string[] = [];
    const entries = takeExtendedData(placemark, schemas, stripped);
    if (stripped.length > 0) strippedKeys.set(index, stripped);
    return entries;
  });
  const warnings = new Set<string>();
  const converted: Feature[] = [];
  // kmlGen yields the Placemarks first, in document order, then ground overlays and network links.
  for (const feature of kmlGen(document as never)) {
    if (converted.length === placemarks.length) break;
    converted.push(feature as Feature);
  }
  const overlays = elements(document, 'GroundOverlay').length;
  if (overlays > 0) warnings.add(`${overlays} 个影像叠加（GroundOverlay）未导入`);
  const features: Feature[] = converted.map((feature, index) => {
    const source = (feature.properties ?? {}) as Record<string, unknown>;
    const description = source['description'];
    const descriptionText = typeof description === 'string' ? description
      : description && typeof description === 'object' ? htmlToText(String((description as { value?: unknown }).value ?? '')) : '';
    const stripped = strippedKeys.get(index) ?? [];
    const properties = safeProperties([
      ...(typeof source['name'] === 'string' ? [['name', source['name']] as const] : []),
      ...(descriptionText ? [['description', descriptionText] as const] : []),
      ...(extended[index] ?? []),
    ], stripped);
    if (stripped.length > 0) strippedKeys.set(index, stripped);
    return { type: 'Feature', geometry: flatten(simplifyGeometry(feature.geometry, (message) => warnings.add(message))) as Geometry, properties };
  });
  if (features.length === 0) warnings.add('文件中没有地标（Placemark）');
  const name = textOf(elements(document, 'name')[0]) || fileName.replace(/\.kml$/i, '');
  return {
    ok: true,
    layer: { name, features, strippedKeys, coordinateSystem: WGS84_DEGREES, encoding: ENCODING_LABELS[encoding], warnings: [...warnings] },
  };
}

/** Reads every .kml inside a KMZ (GDAL's LIBKML writes a doc.kml that only links to layers/*.kml). */
export function readKmz(bytes: Uint8Array, fileName: string, limits: ZipLimits = KMZ_LIMITS): ImportedLayersResult {
  const zip = readZip(bytes, fileName, limits);
  if (!zip.ok) return zip;
  const layers: ImportedLayer[] = [];
  const names = [...zip.entries.keys()].filter((name) => name.toLowerCase().endsWith('.kml') && !name.startsWith('__MACOSX/')).sort();
  if (names.length === 0) return { ok: false, error: `KMZ ${fileName} 中没有 .kml 文件` };
  for (const name of names) {
    const read = readKml(zip.entries.get(name) as Uint8Array, `${fileName}/${name}`);
    if (!read.ok) return read;
    layers.push(read.layer);
  }
  const withFeatures = layers.filter((layer) => layer.features.length > 0);
  return { ok: true, layers: withFeatures.length > 0 ? withFeatures : layers.slice(0, 1) };
}
