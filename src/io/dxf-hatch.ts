/**
 * Reads the boundary paths of HATCH entities straight from the DXF group codes (dxf-parser skips
 * HATCH; GDAL and many CAD exports draw polygons only as hatches): polyline paths with bulges, and
 * edge paths of lines, circular arcs and elliptic arcs. Each path comes back as pieces (point
 * lists) for the caller to chain into rings; spline edges are counted as not read.
 */
import type { Position } from 'geojson';

export interface HatchBoundary {
  layer: string;
  handle: string;
  /** One entry per boundary path: its pieces, in drawing coordinates. */
  paths: Position[][][];
}

const STEP = Math.PI / 360;

function arc(center: Position, radius: number, startDegrees: number, endDegrees: number, counterClockwise: boolean, ratio = 1, major: Position = [radius, 0]): Position[] {
  // Clockwise arcs store their angles mirrored: the actual angles are the negated ones.
  let start = ((counterClockwise ? startDegrees : -startDegrees) * Math.PI) / 180;
  let end = ((counterClockwise ? endDegrees : -endDegrees) * Math.PI) / 180;
  if (!counterClockwise) [start, end] = [end, start];
  let sweep = end - start;
  while (sweep <= 0) sweep += 2 * Math.PI;
  const steps = Math.max(4, Math.ceil(sweep / STEP));
  const length = Math.hypot(major[0] as number, major[1] as number);
  const [ux, uy] = [(major[0] as number) / length, (major[1] as number) / length];
  const a = ratio === 1 ? radius : length;
  const b = ratio === 1 ? radius : length * ratio;
  const points: Position[] = [];
  for (let step = 0; step <= steps; step++) {
    const theta = start + (sweep * step) / steps;
    const [x, y] = [a * Math.cos(theta), b * Math.sin(theta)];
    points.push([(center[0] as number) + x * ux - y * uy, (center[1] as number) + x * uy + y * ux]);
  }
  return counterClockwise ? points : points.reverse();
}

function bulgeSegment(from: Position, to: Position, bulge: number): Position[] {
  if (!bulge) return [to];
  const [x1, y1] = from as [number, number];
  const [x2, y2] = to as [number, number];
  const chord = Math.hypot(x2 - x1, y2 - y1);
  if (chord === 0) return [to];
  const angle = 4 * Math.atan(bulge);
  const radius = chord / (2 * Math.sin(Math.abs(angle) / 2));
  const offset = radius * Math.cos(angle / 2) * Math.sign(bulge);
  const [cx, cy] = [(x1 + x2) / 2 - ((y2 - y1) / chord) * offset, (y1 + y2) / 2 + ((x2 - x1) / chord) * offset];
  const start = Math.atan2(y1 - cy, x1 - cx);
  const steps = Math.max(1, Math.ceil(Math.abs(angle) / STEP));
  const points: Position[] = [];
  for (let step = 1; step < steps; step++) {
    const theta = start + (angle * step) / steps;
    points.push([cx + radius * Math.cos(theta), cy + radius * Math.sin(theta)]);
  }
  points.push(to);
  return points;
}

type Pair = [number, string];

/** Reads one HATCH from its group-code pairs (after `0 HATCH`, up to the next `0`). */
function readHatch(pairs: Pair[]): { boundary: HatchBoundary; splines: number } {
  const boundary: HatchBoundary = { layer: '0', handle: '', paths: [] };
  let splines = 0;
  let index = 0;
  const value = (code: number): number => {
    while (index < pairs.length && pairs[index]![0] !== code) index += 1;
    return index < pairs.length ? Number(pairs[index++]![1]) : Number.NaN;
  };
  const point = (xCode: number): Position => [value(xCode), value(xCode + 10)];
  for (const [code, text] of pairs) {
    if (code === 8) boundary.layer = text;
    if (code === 5 && !boundary.handle) boundary.handle = text;
  }
  const pathCount = value(91);
  for (let path = 0; path < pathCount && index < pairs.length; path++) {
    const flags = value(92);
    const pieces: Position[][] = [];
    if (flags & 2) {
      const hasBulge = value(72) === 1;
      const closed = value(73) === 1;
      const count = value(93);
      const vertices: { at: Position; bulge: number }[] = [];
      for (let vertex = 0; vertex < count; vertex++) {
        const at = point(10);
        let bulge = 0;
        if (hasBulge && pairs[index]?.[0] === 42) bulge = value(42);
        vertices.push({ at, bulge });
      }
      const first = vertices[0];
      const last = vertices[vertices.length - 1];
      if (first && last && vertices.length > 2 && first.at[0] === last.at[0] && first.at[1] === last.at[1]) vertices.pop();
      const ring: Position[] = vertices[0] ? [vertices[0].at] : [];
      const segments = closed || vertices.length > 2 ? vertices.length : vertices.length - 1;
      for (let segment = 0; segment < segments; segment++) {
        const from = vertices[segment] as { at: Position; bulge: number };
        const to = vertices[(segment + 1) % vertices.length] as { at: Position; bulge: number };
        ring.push(...bulgeSegment(from.at, to.at, from.bulge));
      }
      pieces.push(ring);
    } else {
      const edges = value(93);
      for (let edge = 0; edge < edges; edge++) {
        const type = value(72);
        if (type === 1) pieces.push([point(10), point(11)]);
        else if (type === 2) {
          const center = point(10);
          const radius = value(40);
          pieces.push(arc(center, radius, value(50), value(51), value(73) === 1));
        } else if (type === 3) {
          const center = point(10);
          const major = point(11);
          const ratio = value(40);
          pieces.push(arc(center, 0, value(50), value(51), value(73) === 1, ratio, major));
        } else {
          splines += 1;
          // Skip the spline's data: up to the next edge type or the source-object count.
          while (index < pairs.length && pairs[index]![0] !== 72 && pairs[index]![0] !== 97) index += 1;
        }
      }
    }
    boundary.paths.push(pieces);
  }
  return { boundary, splines };
}

/** Every HATCH in the ENTITIES section (model space) with its boundary paths. */
export function readHatchBoundaries(text: string): { hatches: HatchBoundary[]; splineEdges: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const hatches: HatchBoundary[] = [];
  let splineEdges = 0;
  let inEntities = false;
  for (let line = 0; line + 1 < lines.length; line += 2) {
    const code = Number(lines[line]);
    const value = (lines[line + 1] ?? '').trim();
    if (code === 2 && value === 'ENTITIES') inEntities = true;
    if (code === 0 && value === 'ENDSEC') inEntities = false;
    if (!inEntities || code !== 0 || value !== 'HATCH') continue;
    const pairs: Pair[] = [];
    let next = line + 2;
    for (; next + 1 < lines.length && Number(lines[next]) !== 0; next += 2) pairs.push([Number(lines[next]), (lines[next + 1] ?? '').trim()]);
    if (pairs.some(([groupCode, groupValue]) => groupCode === 67 && groupValue === '1')) continue; // paper space
    const read = readHatch(pairs);
    hatches.push(read.boundary);
    splineEdges += read.splines;
    line = next - 2;
  }
  return { hatches, splineEdges };
}
