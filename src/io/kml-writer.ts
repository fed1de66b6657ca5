/**
 * Writes features as a KML 2.2 document: one Placemark per feature with its name, every attribute
 * as ExtendedData <Data> (text escaped, characters XML forbids removed, Chinese kept as UTF-8),
 * coordinates as `lon,lat` in the shortest decimal form that reads back to the same number, outer
 * rings counter-clockwise and every ring closed; MultiPolygons become MultiGeometry.
 */
import type { Feature, Geometry, Position } from 'geojson';

// Characters XML 1.0 does not allow in a document (C0 controls other than tab, LF and CR, lone surrogates, U+FFFE/F).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attributeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

const tuple = (position: Position) => `${position[0]},${position[1]}`;

/** Shoelace sign in degrees is enough to tell the turning direction of a ring. */
function isCounterClockwise(ring: Position[]): boolean {
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index++) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[index + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum > 0;
}

function ringCoordinates(ring: Position[], outer: boolean): string {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
  const oriented = isCounterClockwise(closed) === outer ? closed : [...closed].reverse();
  return oriented.map(tuple).join(' ');
}

function polygonKml(rings: Position[][]): string {
  return `<Polygon>${rings.map((ring, index) => {
    const boundary = index === 0 ? 'outerBoundaryIs' : 'innerBoundaryIs';
    return `<${boundary}><LinearRing><coordinates>${ringCoordinates(ring, index === 0)}</coordinates></LinearRing></${boundary}>`;
  }).join('')}</Polygon>`;
}

export function geometryKml(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point': return `<Point><coordinates>${tuple(geometry.coordinates)}</coordinates></Point>`;
    case 'LineString': return `<LineString><coordinates>${geometry.coordinates.map(tuple).join(' ')}</coordinates></LineString>`;
    case 'Polygon': return polygonKml(geometry.coordinates);
    case 'MultiPoint': return `<MultiGeometry>${geometry.coordinates.map((position) => geometryKml({ type: 'Point', coordinates: position })).join('')}</MultiGeometry>`;
    case 'MultiLineString': return `<MultiGeometry>${geometry.coordinates.map((line) => geometryKml({ type: 'LineString', coordinates: line })).join('')}</MultiGeometry>`;
    case 'MultiPolygon': return `<MultiGeometry>${geometry.coordinates.map(polygonKml).join('')}</MultiGeometry>`;
    case 'GeometryCollection': return `<MultiGeometry>${geometry.geometries.map(geometryKml).join('')}</MultiGeometry>`;
  }
}

export interface KmlOptions {
  /** The attribute used as each Placemark's <name> (falls back to `name`, then the feature id). */
  nameField?: string;
}

/** A complete KML document (UTF-8) for the features; features without geometry are written without one. */
export function writeKml(features: readonly Feature[], documentName: string, options: KmlOptions = {}): string {
  const placemarks = features.map((feature) => {
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const name = attributeText(properties[options.nameField ?? 'name'] ?? properties['name'] ?? feature.id ?? '');
    const data = Object.entries(properties)
      .map(([key, value]) => `<Data name="${escapeXml(key)}"><value>${escapeXml(attributeText(value))}</value></Data>`).join('');
    const id = feature.id === undefined ? '' : `<Data name="id"><value>${escapeXml(String(feature.id))}</value></Data>`;
    const extended = properties['id'] === undefined && id ? id + data : data;
    return `<Placemark><name>${escapeXml(name)}</name>${extended ? `<ExtendedData>${extended}</ExtendedData>` : ''}${feature.geometry ? geometryKml(feature.geometry) : ''}</Placemark>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escapeXml(documentName)}</name>\n${placemarks.join('\n')}\n</Document></kml>\n`;
}
