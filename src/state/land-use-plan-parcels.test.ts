import 'fake-indexeddb/auto';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LandUseParcel } from '../domain/land-use';
import type { RedLine } from '../domain/red-lines';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { normaliseZonePolygon } from '../geo/normalise-zone-polygon';
import { createRectangleRing, createRing, createZone } from '../geo/test-fixtures';
import { selectZoneLandUse } from './land-use-plan';
import { createParcel, deleteParcel, editableParcelGeometry, PARCEL_EDIT_LABELS, updateParcelCode, updateParcelGeometry } from './land-use-plan-parcels';
import { createProjectService, type ProjectService } from './project-service';
import { createZoneEditor } from './zone-editor';

const rectangle = (west: number, south: number, east: number, north: number): Polygon => ({ type: 'Polygon', coordinates: [createRectangleRing(west, south, east, north)] });

const redLine: RedLine = {
  type: 'Feature', id: 'red-1', geometry: rectangle(250, -50, 400, 250),
  properties: { name: '测试生态红线', lineType: '生态保护红线', source: '测试', areaSquareMeters: ellipsoidalAreaSquareMeters(rectangle(250, -50, 400, 250)) },
};

const zone = createZone('zone-a', [createRectangleRing(0, 0, 300, 200)]);

async function openService(): Promise<ProjectService> {
  const service = createProjectService({
    databaseName: `parcels-${Math.random().toString(36).slice(2)}`,
    sampleName: 'parcel test',
    // Stored zones are normalised (7 decimals), as the zone editor stores them.
    loadSample: async () => ({ zones: [{ ...zone, geometry: normaliseZonePolygon(zone.geometry) }], redLines: [redLine] }),
  });
  await service.opened;
  return service;
}

const records = (service: ProjectService) => service.store.getState().records;
const plan = (service: ProjectService) => selectZoneLandUse(records(service), 'zone-a')!;
const status = (service: ProjectService, id: string) => plan(service).checks.find((check) => check.id === id)?.status;

describe('hand-drawn land-use parcels', () => {
  it('a drawn parcel is stored with its class, code and ellipsoidal area; the summary and checks follow each edit; undo/redo', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    const farmland = await createParcel(editor, records(service), { zoneId: 'zone-a', landUseCode: '0102', polygon: rectangle(0, 0, 150, 200), source: 'zone' });
    expect(farmland).toEqual({ ok: true, value: 'zone-a-parcel-1' });
    const stored = (await service.readStored('landUseParcels')) as LandUseParcel[];
    expect(stored[0]?.properties).toMatchObject({ zoneId: 'zone-a', landUseClass: '耕', landUseCode: '0102', freedLandSource: 'zone' });
    // The area of the stored (normalised, rounded) geometry, ≈ the drawn rectangle's.
    expect(stored[0]?.properties.areaSquareMeters).toBeCloseTo(ellipsoidalAreaSquareMeters(stored[0]!.geometry), 6);
    expect(Math.abs(stored[0]!.properties.areaSquareMeters / ellipsoidalAreaSquareMeters(rectangle(0, 0, 150, 200)) - 1)).toBeLessThan(1e-4);
    expect(status(service, 'gaps')).toBe('failed');

    // A 建 parcel reaching 50 m onto the red line (250–300 m inside the zone) and 20 m beyond the zone.
    const construction = await createParcel(editor, records(service), { zoneId: 'zone-a', landUseCode: '1001', polygon: rectangle(150, 0, 320, 200) });
    expect(construction).toEqual({ ok: true, value: 'zone-a-parcel-2' });
    expect(status(service, 'inside')).toBe('failed');
    expect(status(service, 'gaps')).toBe('passed');
    const red = plan(service).checks.find((check) => check.id === 'redLines');
    expect(red?.status).toBe('failed');
    // Within 0.1 % (the stored corners are rounded to the storage precision).
    expect(Math.abs(red!.areaSquareMeters / ellipsoidalAreaSquareMeters(rectangle(250, 0, 320, 200)) - 1)).toBeLessThan(1e-3);
    expect(plan(service).summary.classes.find((figure) => figure.landUseClass === '建')?.parcelCount).toBe(1);

    // Pull it back inside the zone and off the red line.
    expect((await updateParcelGeometry(editor, records(service), 'zone-a-parcel-2', rectangle(150, 0, 250, 200))).ok).toBe(true);
    expect(status(service, 'inside')).toBe('passed');
    expect(status(service, 'redLines')).toBe('passed');
    expect(status(service, 'gaps')).toBe('failed');

    // 耕 is forbidden on 生态保护红线 too: turning the parcel into 绿 keeps the check passing.
    expect((await updateParcelCode(editor, records(service), 'zone-a-parcel-2', '1401')).ok).toBe(true);
    expect(records(service).landUseParcels.find((parcel) => parcel.id === 'zone-a-parcel-2')?.properties.landUseClass).toBe('绿');

    expect((await deleteParcel(editor, records(service), 'zone-a-parcel-1')).ok).toBe(true);
    expect(plan(service).summary.parcelCount).toBe(1);
    expect(editor.getHistory().done.map((edit) => edit.label)).toEqual([
      PARCEL_EDIT_LABELS.create, PARCEL_EDIT_LABELS.create, PARCEL_EDIT_LABELS.geometry, PARCEL_EDIT_LABELS.code, PARCEL_EDIT_LABELS.delete,
    ]);
    await editor.undo();
    await editor.undo();
    await editor.undo();
    expect(status(service, 'redLines')).toBe('failed');
    expect(((await service.readStored('landUseParcels')) as LandUseParcel[]).map((parcel) => parcel.properties.landUseCode).sort()).toEqual(['0102', '1001']);
    await editor.redo();
    expect(status(service, 'redLines')).toBe('passed');
    service.close();
  });

  it('refuses a self-crossing parcel in parcel words, and a multi-part parcel for vertex editing', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    const bowTie: Polygon = { type: 'Polygon', coordinates: [createRing([[0, 0], [100, 100], [100, 0], [0, 100]])] };
    const refused = await createParcel(editor, records(service), { zoneId: 'zone-a', landUseCode: '0101', polygon: bowTie });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.reason).toContain('地块');
    expect(await service.readStored('landUseParcels')).toEqual([]);
    expect(editableParcelGeometry(records(service), 'nope').ok).toBe(false);
    service.close();
  });
});
