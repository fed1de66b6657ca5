import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gaussKrugerCentralMeridian, gaussKrugerThreeDegreeZone } from '../domain/coordinate-system';
import { detectCoordinateSystem, toGeographic } from './reproject';

const source = JSON.parse(readFileSync(new URL('../../tests/fixtures/shapefile/source.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon>;
/** The first ring of building 1 in EPSG:4549 as GDAL/PROJ computed it (see tests/fixtures/shapefile). */
const GDAL_CM120: Position[] = [[539623.496009607, 3043208.86894425], [539623.388570269, 3043242.11285101], [539662.913520775, 3043242.2406541], [539663.02106729, 3043208.9967464]];
const metres = ([x1, y1]: Position, [x2, y2]: Position) => Math.hypot(((x1 as number) - (x2 as number)) * 98800, ((y1 as number) - (y2 as number)) * 110800);

describe('reprojection to CGCS2000 degrees', () => {
  it('turns GDAL-projected Gauss-Krüger CM 120° back into the source positions within 1 cm', () => {
    const ring = [...GDAL_CM120, GDAL_CM120[0]!];
    const back = toGeographic({ type: 'Polygon', coordinates: [ring] }, gaussKrugerCentralMeridian(120)) as Polygon;
    // GDAL wrote the ring clockwise (shapefile order), starting at the same corner.
    const expected = [...(source.features[0]!.geometry.coordinates[0] as Position[])].reverse();
    back.coordinates[0]!.forEach((position, index) => expect(metres(position, expected[index]!)).toBeLessThan(0.01));
  });

  it('detects degrees, swapped axes and zone-numbered eastings, and asks for unzoned metres', () => {
    expect(detectCoordinateSystem([[120.4, 27.5]])).toMatchObject({ kind: 'known', system: { kind: 'geographic' } });
    expect(detectCoordinateSystem([[27.5, 120.4]])).toMatchObject({ kind: 'known', system: { kind: 'swappedGeographic' } });
    expect(detectCoordinateSystem([[40539623, 3043208]])).toEqual({ kind: 'known', system: gaussKrugerThreeDegreeZone(40) });
    expect(detectCoordinateSystem([[539623, 3043208]])).toMatchObject({ kind: 'ambiguous' });
  });

  it('converts zone-numbered eastings like the unzoned ones', () => {
    const zoned = toGeographic({ type: 'Point', coordinates: [40539623.496009607, 3043208.86894425] }, gaussKrugerThreeDegreeZone(40));
    const plain = toGeographic({ type: 'Point', coordinates: [539623.496009607, 3043208.86894425] }, gaussKrugerCentralMeridian(120));
    expect(metres((zoned as { coordinates: Position }).coordinates, (plain as { coordinates: Position }).coordinates)).toBeLessThan(0.001);
  });

  it('does not change its input', () => {
    const point = { type: 'Point' as const, coordinates: [120.4, 27.5] };
    toGeographic(point, { kind: 'gcj02', name: 'GCJ-02' });
    expect(point.coordinates).toEqual([120.4, 27.5]);
  });
});
