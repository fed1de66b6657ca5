/**
 * Splits a zone by a drawn line into two or more zones.
 *
 * Method: the line is cut where it crosses the zone boundary; each piece of line between two
 * consecutive crossings lies wholly inside or wholly outside the zone, and the inside pieces
 * ("chords") are the cuts. The crossings are inserted into the ring as vertices (shared exactly by
 * the parts, so the parts meet without gaps or slivers), then each chord splits the one part that
 * contains it into two: ring path from entry to exit plus the chord back, and ring path from exit
 * to entry plus the chord forward. Edges are straight lines in longitude/latitude, as stored.
 *
 * Refused when the line has fewer than 2 distinct points, starts or ends inside the zone (it must
 * cross it fully), never cuts through it, runs along its boundary, or when a part would be an
 * invalid zone (e.g. the line crosses itself inside the zone). Zones with holes are refused.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { LineString, Polygon, Position } from 'geojson';
import { polygonAreaSquareMeters } from './ellipsoidal-area';
import { closeRing, ringVertices, roundPosition, samePosition } from './normalise-zone-polygon';
import { acceptZonePolygon } from './validate-zone-polygon';
import { accepted, refused, type ZoneEditResult } from './zone-edit-result';

/** A point where the line meets the boundary: `along` = segment index + parameter on it. */
interface Crossing {
  along: number;
  edge: number;
  edgeParameter: number;
  position: Position;
}

type SegmentContact = { t: number; u: number } | 'collinear' | null;

const PARAMETER_EPSILON = 1e-12;

function cross(ax: number, ay: number, bx: number, by: number): number {
  return ax * by - ay * bx;
}

/** Where segment a→b meets c→d (parameters t on a→b, u on c→d), 'collinear' for an overlap, else null. */
function segmentContact(a: Position, b: Position, c: Position, d: Position): SegmentContact {
  const [ax, ay] = a as [number, number];
  const rx = (b[0] as number) - ax;
  const ry = (b[1] as number) - ay;
  const sx = (d[0] as number) - (c[0] as number);
  const sy = (d[1] as number) - (c[1] as number);
  const qx = (c[0] as number) - ax;
  const qy = (c[1] as number) - ay;
  const denominator = cross(rx, ry, sx, sy);
  if (denominator === 0) {
    if (cross(qx, qy, rx, ry) !== 0) return null;
    const length = rx * rx + ry * ry;
    const start = (qx * rx + qy * ry) / length;
    const end = start + (sx * rx + sy * ry) / length;
    const overlap = Math.min(1, Math.max(start, end)) - Math.max(0, Math.min(start, end));
    return overlap > PARAMETER_EPSILON ? 'collinear' : null;
  }
  const t = cross(qx, qy, sx, sy) / denominator;
  const u = cross(qx, qy, rx, ry) / denominator;
  const inRange = (value: number) => value >= -PARAMETER_EPSILON && value <= 1 + PARAMETER_EPSILON;
  return inRange(t) && inRange(u) ? { t: Math.min(1, Math.max(0, t)), u: Math.min(1, Math.max(0, u)) } : null;
}

/** The contact point, taken from an existing vertex where it is one (so rings share it exactly). */
function contactPosition(a: Position, b: Position, c: Position, d: Position, contact: { t: number; u: number }): Position {
  if (contact.u <= PARAMETER_EPSILON) return c;
  if (contact.u >= 1 - PARAMETER_EPSILON) return d;
  if (contact.t <= PARAMETER_EPSILON) return a;
  if (contact.t >= 1 - PARAMETER_EPSILON) return b;
  return roundPosition([(a[0] as number) + contact.t * ((b[0] as number) - (a[0] as number)), (a[1] as number) + contact.t * ((b[1] as number) - (a[1] as number))]);
}

function findCrossings(ring: readonly Position[], line: readonly Position[]): Crossing[] | 'collinear' {
  const crossings: Crossing[] = [];
  for (let segment = 0; segment + 1 < line.length; segment++) {
    const a = line[segment] as Position;
    const b = line[segment + 1] as Position;
    for (let edge = 0; edge < ring.length; edge++) {
      const c = ring[edge] as Position;
      const d = ring[(edge + 1) % ring.length] as Position;
      const contact = segmentContact(a, b, c, d);
      if (contact === 'collinear') return 'collinear';
      if (contact) crossings.push({ along: segment + contact.t, edge, edgeParameter: contact.u, position: contactPosition(a, b, c, d, contact) });
    }
  }
  crossings.sort((first, second) => first.along - second.along);
  return crossings.filter((crossing, index) => index === 0 || !samePosition(crossing.position, (crossings[index - 1] as Crossing).position));
}

function isStrictlyInside(position: Position, vertices: readonly Position[]): boolean {
  return booleanPointInPolygon(position, { type: 'Polygon', coordinates: [closeRing(vertices)] }, { ignoreBoundary: true });
}

function midpoint(a: Position, b: Position): Position {
  return [((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2];
}

/** The pieces of the line inside the zone, each from its entry to its exit crossing. */
function findChords(vertices: readonly Position[], line: readonly Position[], crossings: readonly Crossing[]): Position[][] {
  const chords: Position[][] = [];
  for (let k = 0; k + 1 < crossings.length; k++) {
    const entry = crossings[k] as Crossing;
    const exit = crossings[k + 1] as Crossing;
    const interior = line.filter((_, index) => index > entry.along && index < exit.along);
    const chord = [entry.position, ...interior, exit.position];
    if (isStrictlyInside(midpoint(chord[0] as Position, chord[1] as Position), vertices)) chords.push(chord);
  }
  return chords;
}

/** The ring with every crossing inserted as a vertex, in order along each edge. */
function nodeRing(vertices: readonly Position[], crossings: readonly Crossing[]): Position[] {
  const noded: Position[] = [];
  vertices.forEach((vertex, edge) => {
    noded.push(vertex);
    const onEdge = crossings.filter((crossing) => crossing.edge === edge).sort((a, b) => a.edgeParameter - b.edgeParameter);
    for (const { position } of onEdge) {
      const next = vertices[(edge + 1) % vertices.length] as Position;
      if (!samePosition(position, noded[noded.length - 1] as Position) && !samePosition(position, next)) noded.push(position);
    }
  });
  return noded;
}

/** The ring path from index `from` to index `to` (both included), going forward. */
function ringPath(part: readonly Position[], from: number, to: number): Position[] {
  const path: Position[] = [];
  for (let index = from; ; index = (index + 1) % part.length) {
    path.push(part[index] as Position);
    if (index === to) return path;
  }
}

/** Splits the part containing `chord` into two; null when no part contains it. */
function cutPart(parts: Position[][], chord: readonly Position[]): Position[][] | null {
  const entry = chord[0] as Position;
  const exit = chord[chord.length - 1] as Position;
  const inside = midpoint(entry, chord[1] as Position);
  const index = parts.findIndex((part) => part.some((vertex) => samePosition(vertex, entry)) && part.some((vertex) => samePosition(vertex, exit)) && isStrictlyInside(inside, part));
  const part = parts[index];
  if (part === undefined) return null;
  const entryIndex = part.findIndex((vertex) => samePosition(vertex, entry));
  const exitIndex = part.findIndex((vertex) => samePosition(vertex, exit));
  const interior = chord.slice(1, -1);
  const first = [...ringPath(part, entryIndex, exitIndex), ...[...interior].reverse()];
  const second = [...ringPath(part, exitIndex, entryIndex), ...interior];
  return [...parts.slice(0, index), first, second, ...parts.slice(index + 1)];
}

/**
 * The zone split by `line`, largest part first (each in stored form, ≥ 2 parts), or a refusal.
 */
export function splitZonePolygon(polygon: Polygon, line: LineString): ZoneEditResult<Polygon[]> {
  if (polygon.coordinates.length > 1) return refused('holesNotSupported');
  const vertices = ringVertices(polygon.coordinates[0] ?? []);
  const linePoints = line.coordinates.map(roundPosition).filter((position, index, all) => index === 0 || !samePosition(position, all[index - 1] as Position));
  if (linePoints.length < 2) return refused('splitLineTooShort');
  if (isStrictlyInside(linePoints[0] as Position, vertices) || isStrictlyInside(linePoints[linePoints.length - 1] as Position, vertices)) {
    return refused('splitLineEndsInside');
  }
  const crossings = findCrossings(vertices, linePoints);
  if (crossings === 'collinear') return refused('splitLineAlongBoundary');
  const chords = findChords(vertices, linePoints, crossings);
  if (chords.length === 0) return refused('splitLineNotCrossing');
  let parts: Position[][] = [nodeRing(vertices, crossings)];
  for (const chord of chords) {
    const next = cutPart(parts, chord);
    if (next === null) return refused('splitFailed');
    parts = next;
  }
  const polygons: Polygon[] = [];
  for (const part of parts) {
    const result = acceptZonePolygon({ type: 'Polygon', coordinates: [closeRing(part)] });
    if (!result.ok) return result;
    polygons.push(result.value);
  }
  polygons.sort((a, b) => polygonAreaSquareMeters(b.coordinates) - polygonAreaSquareMeters(a.coordinates));
  return accepted(polygons);
}
