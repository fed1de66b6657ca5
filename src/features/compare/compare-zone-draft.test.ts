import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toPosition } from '../../geo/test-fixtures';
import { ZONE_EDIT_REASONS } from '../../geo/zone-edit-result';
import type { ProjectRecords } from '../../state/project-state';
import { distinctVertices, drawnPolygonOf, zoneDraftOf } from './compare-zone-draft';

const at = (east: number, north: number) => toPosition([east, north]) as [number, number];

function township(id: string, west: number, east: number): Feature<Polygon> {
  const ring = [at(west, -1000), at(east, -1000), at(east, 1000), at(west, 1000), at(west, -1000)];
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: id } };
}

const records = { townships: [township('township-west', -1000, 0), township('township-east', 0, 1000)] } as unknown as Pick<ProjectRecords, 'townships'>;

describe('drawn zone polygons on #/compare', () => {
  it('drops consecutive repeated clicks and closes the ring', () => {
    const square = [at(10, 10), at(110, 10), at(110, 10), at(110, 110), at(10, 110), at(10, 110)];
    expect(distinctVertices(square)).toHaveLength(4);
    const polygon = drawnPolygonOf(square)!;
    expect(polygon.coordinates[0]).toHaveLength(5);
    expect(polygon.coordinates[0]![0]).toEqual(polygon.coordinates[0]![4]);
  });

  it('needs three distinct vertices', () => {
    expect(drawnPolygonOf([at(0, 0), at(10, 0), at(10, 0)])).toBeNull();
    expect(zoneDraftOf(records, [at(0, 0), at(10, 0)])).toEqual({ ok: false, reason: `新改造区块：${ZONE_EDIT_REASONS.tooFewVertices}` });
  });

  it('refuses a crossing boundary with the rule named', () => {
    const bowTie = [at(10, 10), at(110, 110), at(110, 10), at(10, 110)];
    expect(zoneDraftOf(records, bowTie)).toEqual({ ok: false, reason: `新改造区块：${ZONE_EDIT_REASONS.selfIntersection}` });
  });

  it('gives the area and the township the polygon lies in', () => {
    const draft = zoneDraftOf(records, [at(100, 100), at(300, 100), at(300, 200), at(100, 200)]);
    expect(draft.ok).toBe(true);
    if (!draft.ok) return;
    // 200 m × 100 m, within the projection error of the local fixture grid.
    expect(draft.areaSquareMeters).toBeGreaterThan(20_000 * 0.99);
    expect(draft.areaSquareMeters).toBeLessThan(20_000 * 1.01);
    expect(draft.townshipId).toBe('township-east');
    const outside = zoneDraftOf(records, [at(5000, 100), at(5300, 100), at(5300, 200)]);
    expect(outside.ok && outside.townshipId).toBeNull();
  });
});
