/**
 * Reads CAD drawings (DXF) into candidate polygons with dxf-parser: closed LWPOLYLINE / POLYLINE
 * (bulges densified into arcs), CIRCLE, full ELLIPSE, HATCH boundaries (read in dxf-hatch.ts; a
 * hatch that repeats a polyline's ring is not counted twice), and chains of LINE / ARC / open polylines
 * whose ends meet become rings; a ring inside another becomes its hole. Open lines are counted
 * and reported, never imported as polygons. TEXT / MTEXT inside a polygon becomes its 名称. Text
 * is decoded by $DWGCODEPAGE (ANSI_936 → GBK) or, from AutoCAD 2007 on, as UTF-8; \U+XXXX and
 * \M+5XXXX escapes are decoded. Coordinates stay in drawing units (usually Gauss-Krüger metres):
 * the caller detects or asks for the coordinate system.
 */
import DxfParser from 'dxf-parser';
import type { Feature, Position } from 'geojson';
import { readHatchBoundaries } from './dxf-hatch';
import { safeProperties, type ImportedLayersResult } from './imported-layer';
import { decodeText, ENCODING_LABELS, encodingFromCodePage, isValidUtf8, type TextEncodingName } from './text-encoding';

export const DXF_MAX_BYTES = 200 * 1024 * 1024;
/** Largest angle of one chord when an arc is densified (0.5°: 1 mm off a 100 m radius). */
const ARC_STEP = Math.PI / 360;

interface Point { x: number; y: number; bulge?: number }
interface Entity {
  type: string;
  layer?: string;
  handle?: string | number;
  inPaperSpace?: boolean;
  vertices?: Point[];
  shape?: boolean;
  isPolyfaceMesh?: boolean;
  is3dPolygonMesh?: boolean;
  center?: Point;
  radius?: number;
  startAngle?: number;
  endAngle?: number;
  majorAxisEndPoint?: Point;
  axisRatio?: number;
  text?: string;
  position?: Point;
  startPoint?: Point;
}

type Ring = Position[];

interface Shape { ring: Ring; layer: string; handle: string }

/** Decides the text encoding from the header: AC1021 (2007) and later are UTF-8, else $DWGCODEPAGE. */
export function dxfEncoding(bytes: Uint8Array): { encoding: TextEncodingName; source: string } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65536));
  const version = /\$ACADVER\s*\r?\n\s*1\s*\r?\n\s*AC(\d{4})/.exec(head)?.[1];
  if (version && Number(version) >= 1021) return { encoding: 'utf-8', source: `$ACADVER AC${version}` };
  const codePage = /\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*(\S+)/.exec(head)?.[1];
  const fromCodePage = codePage ? encodingFromCodePage(codePage) : null;
  if (fromCodePage) return { encoding: fromCodePage, source: `$DWGCODEPAGE ${codePage}` };
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'gb18030', source: '自动识别' };
}

/** MTEXT / TEXT content → plain text: unicode escapes decoded, formatting codes removed. */
export function dxfText(raw: string): string {
  return raw
    .replace(/\\U\+([0-9a-fA-F]{4})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\M\+5([0-9a-fA-F]{4})/g, (_match, hex: string) => new TextDecoder('gb18030').decode(new Uint8Array([parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2), 16)])))
    .replace(/\\[Pp]/g, '\n').replace(/\\~/g, ' ')
    .replace(/\\[ACFHQTWfhcqtwap][^;\\]*;/g, '').replace(/\\[LlOoKkXx]/g, '')
    .replace(/\\S([^;^#/]*)[\^#/]([^;]*);/g, '$1/$2')
    .replace(/\\([{}\\])/g, '$1').replace(/[{}]/g, '')
    .replace(/%%[cC]/g, 'Ø').replace(/%%[dD]/g, '°').replace(/%%[pP]/g, '±').replace(/%%%/g, '%')
    .trim();
}

/** Points of the arc from `from` to `to` with the DXF bulge (tan of a quarter of the included angle), excluding `from`. */
function bulgeArc(from: Point, to: Point, bulge: number): Ring {
  const angle = 4 * Math.atan(bulge);
  const chord = Math.hypot(to.x - from.x, to.y - from.y);
  if (chord === 0 || Math.abs(bulge) < 1e-12) return [[to.x, to.y]];
  const radius = chord / (2 * Math.sin(Math.abs(angle) / 2));
  // Centre: from the chord's midpoint, along its normal, by the signed distance r·cos(θ/2).
  const midX = (from.x + to.x) / 2;
  const midY = (from.y + to.y) / 2;
  const offset = (radius * Math.cos(angle / 2)) * Math.sign(bulge);
  const normalX = -(to.y - from.y) / chord;
  const normalY = (to.x - from.x) / chord;
  const centerX = midX + normalX * offset;
  const centerY = midY + normalY * offset;
  const start = Math.atan2(from.y - centerY, from.x - centerX);
  const steps = Math.max(1, Math.ceil(Math.abs(angle) / ARC_STEP));
  const points: Ring = [];
  for (let step = 1; step < steps; step++) {
    const theta = start + (angle * step) / steps;
    points.push([centerX + radius * Math.cos(theta), centerY + radius * Math.sin(theta)]);
  }
  points.push([to.x, to.y]);
  return points;
}

function polylinePoints(allVertices: readonly Point[], closed: boolean): Ring {
  const first = allVertices[0];
  if (!first) return [];
  // A closed polyline often repeats its first vertex at the end as well (GDAL writes it so).
  const last = allVertices[allVertices.length - 1] as Point;
  const vertices = closed && allVertices.length > 2 && last.x === first.x && last.y === first.y ? allVertices.slice(0, -1) : allVertices;
  const points: Ring = [[first.x, first.y]];
  const count = closed ? vertices.length : vertices.length - 1;
  for (let index = 0; index < count; index++) {
    const from = vertices[index] as Point;
    const to = vertices[(index + 1) % vertices.length] as Point;
    points.push(...(from.bulge ? bulgeArc(from, to, from.bulge) : [[to.x, to.y] as Position]));
  }
  return points;
}

function arcPoints(center: Point, radius: number, start: number, end: number, ellipse?: { major: Point; ratio: number }): Ring {
  let sweep = end - start;
  while (sweep <= 0) sweep += 2 * Math.PI;
  const steps = Math.max(8, Math.ceil(sweep / ARC_STEP));
  const points: Ring = [];
  for (let step = 0; step <= steps; step++) {
    const theta = start + (sweep * step) / steps;
    if (ellipse) {
      const { major, ratio } = ellipse;
      // Parametric ellipse: centre + major·cos t + minor·sin t, minor = ratio · major turned 90°.
      points.push([center.x + major.x * Math.cos(theta) - ratio * major.y * Math.sin(theta), center.y + major.y * Math.cos(theta) + ratio * major.x * Math.sin(theta)]);
    } else {
      points.push([center.x + radius * Math.cos(theta), center.y + radius * Math.sin(theta)]);
    }
  }
  return points;
}

const same = (a: Position, b: Position, tolerance: number) => Math.abs((a[0] as number) - (b[0] as number)) <= tolerance && Math.abs((a[1] as number) - (b[1] as number)) <= tolerance;

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index++) {
    sum += (ring[index]![0] as number) * (ring[index + 1]![1] as number) - (ring[index + 1]![0] as number) * (ring[index]![1] as number);
  }
  return sum / 2;
}

function pointInRing(point: Position, ring: Ring): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [xi, yi] = ring[index] as [number, number];
    const [xj, yj] = ring[previous] as [number, number];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Joins open pieces whose ends meet (within `tolerance`) into closed rings; returns the rings and the pieces left open. */
function chainPieces(pieces: Shape[], tolerance: number): { rings: Shape[]; open: Shape[] } {
  const remaining = [...pieces];
  const rings: Shape[] = [];
  const open: Shape[] = [];
  while (remaining.length > 0) {
    const start = remaining.shift() as Shape;
    let chain = [...start.ring];
    let extended = true;
    while (extended && !same(chain[0] as Position, chain[chain.length - 1] as Position, tolerance)) {
      extended = false;
      const end = chain[chain.length - 1] as Position;
      const index = remaining.findIndex((piece) => same(piece.ring[0] as Position, end, tolerance) || same(piece.ring[piece.ring.length - 1] as Position, end, tolerance));
      if (index >= 0) {
        const [piece] = remaining.splice(index, 1) as [Shape];
        const oriented = same(piece.ring[0] as Position, end, tolerance) ? piece.ring : [...piece.ring].reverse();
        chain = [...chain, ...oriented.slice(1)];
        extended = true;
      }
    }
    if (chain.length >= 4 && same(chain[0] as Position, chain[chain.length - 1] as Position, tolerance)) {
      chain[chain.length - 1] = chain[0] as Position;
      rings.push({ ring: chain, layer: start.layer, handle: start.handle });
    } else {
      open.push(start);
    }
  }
  return { rings, open };
}

/** Even-odd nesting: a ring inside an odd number of others is a hole of the smallest ring around it. */
function nest(shapes: Shape[]): { shell: Shape; holes: Ring[] }[] {
  const sorted = [...shapes].sort((a, b) => Math.abs(signedArea(b.ring)) - Math.abs(signedArea(a.ring)));
  const parents = sorted.map((shape, index) => {
    const probe = shape.ring[0] as Position;
    const containers = sorted.slice(0, index).map((other, otherIndex) => ({ other, otherIndex })).filter(({ other }) => pointInRing(probe, other.ring));
    return { depth: containers.length, parent: containers[containers.length - 1]?.otherIndex ?? -1 };
  });
  const polygons = new Map<number, { shell: Shape; holes: Ring[] }>();
  sorted.forEach((shape, index) => {
    const { depth, parent } = parents[index] as { depth: number; parent: number };
    if (depth % 2 === 0) polygons.set(index, { shell: shape, holes: [] });
    else polygons.get(parent)?.holes.push(shape.ring);
  });
  return [...polygons.values()];
}

/** Reads a DXF file: one layer of polygons in drawing coordinates. */
export function readDxf(bytes: Uint8Array, fileName: string): ImportedLayersResult {
  if (bytes.length > DXF_MAX_BYTES) return { ok: false, error: `文件 ${fileName} 超过大小上限（${DXF_MAX_BYTES / 1048576} MB）` };
  const { encoding, source } = dxfEncoding(bytes);
  const text = decodeText(bytes, encoding);
  if (!/^\s*0\s*\r?\n\s*SECTION/.test(text)) return { ok: false, error: `文件 ${fileName} 不是文本格式的 DXF（二进制 DXF 请在 CAD 中另存为 ASCII DXF）` };
  let entities: Entity[];
  try {
    entities = ((new DxfParser().parseSync(text) as { entities?: Entity[] } | null)?.entities ?? []).filter((entity) => !entity.inPaperSpace);
  } catch (error) {
    return { ok: false, error: `文件 ${fileName} 不是有效的 DXF：${(error as Error).message}` };
  }
  const closed: Shape[] = [];
  const pieces: Shape[] = [];
  const labels: { point: Position; text: string }[] = [];
  const skipped = new Map<string, number>();
  let maxMagnitude = 0;
  const note = (ring: Ring) => { for (const [x, y] of ring) maxMagnitude = Math.max(maxMagnitude, Math.abs(x as number), Math.abs(y as number)); };
  for (const entity of entities) {
    const base = { layer: entity.layer ?? '0', handle: String(entity.handle ?? '') };
    switch (entity.type) {
      case 'LWPOLYLINE':
      case 'POLYLINE': {
        if (entity.isPolyfaceMesh || entity.is3dPolygonMesh || !entity.vertices || entity.vertices.length < 2) { skipped.set(entity.type, (skipped.get(entity.type) ?? 0) + 1); break; }
        const ring = polylinePoints(entity.vertices, Boolean(entity.shape));
        note(ring);
        (entity.shape ? closed : pieces).push({ ...base, ring });
        break;
      }
      case 'LINE':
        if (entity.vertices?.length === 2) pieces.push({ ...base, ring: entity.vertices.map((vertex) => [vertex.x, vertex.y]) });
        break;
      case 'ARC':
        if (entity.center && entity.radius) pieces.push({ ...base, ring: arcPoints(entity.center, entity.radius, entity.startAngle ?? 0, entity.endAngle ?? 0) });
        break;
      case 'CIRCLE':
        if (entity.center && entity.radius) closed.push({ ...base, ring: arcPoints(entity.center, entity.radius, 0, 2 * Math.PI) });
        break;
      case 'ELLIPSE': {
        const { center, majorAxisEndPoint: major, axisRatio: ratio } = entity;
        if (!center || !major || !ratio) break;
        const start = entity.startAngle ?? 0;
        const end = entity.endAngle ?? 2 * Math.PI;
        const ring = arcPoints(center, 0, start, end, { major, ratio });
        (Math.abs(end - start - 2 * Math.PI) < 1e-9 ? closed : pieces).push({ ...base, ring });
        break;
      }
      case 'TEXT':
      case 'MTEXT': {
        const at = entity.position ?? entity.startPoint;
        const content = dxfText(entity.text ?? '');
        if (at && content) labels.push({ point: [at.x, at.y], text: content });
        break;
      }
      default:
        skipped.set(entity.type, (skipped.get(entity.type) ?? 0) + 1);
    }
  }
  for (const shape of [...closed, ...pieces]) note(shape.ring);
  // Drawing units: metres when the numbers are large, else degrees; ends meet within 1 mm (or ~1 cm in degrees).
  const tolerance = maxMagnitude > 1000 ? 1e-3 : 1e-7;
  for (const shape of closed) {
    const first = shape.ring[0] as Position;
    if (!same(first, shape.ring[shape.ring.length - 1] as Position, 0)) shape.ring.push(first);
  }
  // Open polylines whose last vertex repeats the first are closed shapes drawn without the flag.
  const openPieces: Shape[] = [];
  for (const piece of pieces) {
    if (piece.ring.length >= 4 && same(piece.ring[0] as Position, piece.ring[piece.ring.length - 1] as Position, tolerance)) closed.push(piece);
    else openPieces.push(piece);
  }
  const chained = chainPieces(openPieces, tolerance);
  const drawn = [...closed, ...chained.rings];
  // Hatch boundaries: each path's pieces chained into rings; a ring some polyline already draws is skipped.
  const digits = maxMagnitude > 1000 ? 3 : 8;
  const keyOf = (ring: Ring) => ring.slice(0, -1).map(([x, y]) => `${(x as number).toFixed(digits)},${(y as number).toFixed(digits)}`).sort().join(' ');
  const known = new Set(drawn.map((shape) => keyOf(shape.ring)));
  const hatch = readHatchBoundaries(text);
  let hatchRings = 0;
  let hatchOpen = 0;
  for (const { layer, handle, paths } of hatch.hatches) {
    for (const pieces of paths) {
      const joined = chainPieces(pieces.filter((piece) => piece.length >= 2).map((ring) => ({ ring, layer, handle })), tolerance);
      hatchOpen += joined.open.length;
      for (const shape of joined.rings) {
        const key = keyOf(shape.ring);
        if (known.has(key)) continue;
        known.add(key);
        drawn.push(shape);
        hatchRings += 1;
      }
    }
  }
  const rings = drawn.filter((shape) => shape.ring.length >= 4 && Math.abs(signedArea(shape.ring)) > 0);
  const warnings: string[] = [];
  if (hatchRings > 0) warnings.push(`${hatchRings} 个闭合图形取自填充（HATCH）边界`);
  if (hatchOpen > 0 || hatch.splineEdges > 0) warnings.push(`${hatchOpen + hatch.splineEdges} 段填充边界无法闭合或为样条曲线，未导入`);
  if (chained.rings.length > 0) warnings.push(`${chained.rings.length} 个闭合图形由首尾相连的线段/圆弧拼成`);
  if (chained.open.length > 0) {
    warnings.push(`${chained.open.length} 条未闭合的线未导入（只导入闭合图形），句柄：${chained.open.slice(0, 10).map((shape) => shape.handle).join('、')}${chained.open.length > 10 ? ' 等' : ''}`);
  }
  for (const [type, count] of skipped) {
    warnings.push(type === 'INSERT' ? `${count} 个块参照（INSERT）未展开` : `${count} 个 ${type} 实体未导入`);
  }
  if (rings.length === 0) {
    return { ok: false, error: `文件 ${fileName} 中没有闭合图形（闭合多段线、圆，或首尾相连的线段/圆弧）${chained.open.length > 0 ? `，只有 ${chained.open.length} 条未闭合的线` : ''}` };
  }
  const polygons = nest(rings);
  const strippedKeys = new Map<number, string[]>();
  const features: Feature[] = polygons.map(({ shell, holes }, index) => {
    const label = labels.find(({ point }) => pointInRing(point, shell.ring) && !holes.some((hole) => pointInRing(point, hole)));
    const stripped: string[] = [];
    const properties = safeProperties([['图层', shell.layer], ['CAD句柄', shell.handle], ...(label ? [['名称', label.text] as const] : [])], stripped);
    if (stripped.length > 0) strippedKeys.set(index, stripped);
    return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [shell.ring, ...holes] }, properties };
  });
  const holeCount = polygons.reduce((sum, polygon) => sum + polygon.holes.length, 0);
  if (holeCount > 0) warnings.push(`${holeCount} 个位于其他闭合图形内的图形按内环（洞）处理`);
  return {
    ok: true,
    layers: [{ name: fileName.replace(/\.dxf$/i, ''), features, strippedKeys, coordinateSystem: null, encoding: `${ENCODING_LABELS[encoding]}（${source}）`, warnings }],
  };
}
