/**
 * The live figures of what is being drawn or edited (area, perimeter, whether the boundary crosses
 * itself), and a tiny external store for them, so that only their display re-renders on every
 * pointer move while the rest of the workspace does not.
 */
import type { Polygon, Position } from 'geojson';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { geodesicPerimeterMeters, pathLengthMeters } from '../geo/geodesic-perimeter';
import { closeRing, ringVertices } from '../geo/normalise-zone-polygon';
import { firstSelfIntersection } from '../geo/validate-zone-polygon';

export interface DrawingMeasure {
  tool: 'polygon' | 'edit' | 'line';
  /** Ellipsoidal area, m² (0 for a line). */
  areaSquareMeters: number;
  /** Geodesic perimeter (for a line: its length), m. */
  perimeterMeters: number;
  /** Whether the boundary crosses itself right now (it will be refused when finished). */
  selfIntersecting: boolean;
}

/** Figures of a ring as drawn so far (repeated points, e.g. the pointer on the last vertex, are ignored). */
export function measureRing(tool: 'polygon' | 'edit', ring: readonly Position[]): DrawingMeasure {
  const closed = closeRing(ringVertices(ring));
  const shape: Polygon = { type: 'Polygon', coordinates: [closed] };
  return {
    tool,
    areaSquareMeters: closed.length >= 4 ? ellipsoidalAreaSquareMeters(shape) : 0,
    perimeterMeters: closed.length >= 2 ? geodesicPerimeterMeters(shape) : 0,
    selfIntersecting: closed.length >= 5 && firstSelfIntersection(shape) !== null,
  };
}

export function measureLine(positions: readonly Position[]): DrawingMeasure {
  return { tool: 'line', areaSquareMeters: 0, perimeterMeters: pathLengthMeters(positions), selfIntersecting: false };
}

/** Differences below 5 mm² / 5 mm are not shown, so they do not re-render. */
function sameMeasure(a: DrawingMeasure | null, b: DrawingMeasure | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.tool === b.tool &&
    a.selfIntersecting === b.selfIntersecting &&
    Math.abs(a.areaSquareMeters - b.areaSquareMeters) < 0.005 &&
    Math.abs(a.perimeterMeters - b.perimeterMeters) < 0.005
  );
}

/** For React's useSyncExternalStore: `subscribe` and `getSnapshot` are bound. */
export class MeasureStore {
  private value: DrawingMeasure | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = () => this.value;

  set(next: DrawingMeasure | null): void {
    if (sameMeasure(next, this.value)) return;
    this.value = next;
    for (const listener of [...this.listeners]) listener();
  }
}
