import 'fake-indexeddb/auto';
import type { LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LandUseParcel } from '../domain/land-use';
import type { Enterprise, ParkSite, Zone } from '../domain/records';
import { normaliseZonePolygon } from '../geo/normalise-zone-polygon';
import { createRectangleRing, createZone, toPosition } from '../geo/test-fixtures';
import { createProjectService, type ProjectService } from './project-service';
import { createZoneEditor } from './zone-editor';
import { ZONE_CASCADE_REASONS } from './zone-editor-cascade';

function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRectangleRing(west, south, east, north)] });
}

function parcel(id: string, zoneId: string, geometry: Polygon): LandUseParcel {
  return { type: 'Feature', id, geometry, properties: { zoneId, landUseClass: '耕', landUseCode: '0101', areaSquareMeters: 1 } };
}

function site(id: string, zoneId: string, geometry: Polygon): ParkSite {
  return {
    type: 'Feature', id, geometry,
    properties: { name: `园${id}`, zoneId, townshipId: 't1', capacitySquareMeters: 5000, allocatedSquareMeters: 0, plotRatio: 2, stage: '规划', stageDates: {} },
  };
}

const zones = (): Zone[] => [createZone('zone-west', [rectangle(0, 0, 100, 100).coordinates[0]!]), createZone('zone-east', [rectangle(100, 0, 200, 100).coordinates[0]!])];
const parcels = (): LandUseParcel[] => [
  parcel('west-1', 'zone-west', rectangle(10, 10, 40, 90)),
  parcel('west-2', 'zone-west', rectangle(60, 10, 90, 90)),
  parcel('east-1', 'zone-east', rectangle(110, 10, 190, 90)),
];

async function openService(extra: { parkSites?: ParkSite[]; enterprises?: Enterprise[] } = {}): Promise<ProjectService> {
  const service = createProjectService({
    databaseName: `cascade-${Math.random().toString(36).slice(2)}`,
    sampleName: 'cascade test',
    loadSample: async () => ({ zones: zones(), landUseParcels: parcels(), parkSites: extra.parkSites ?? [], enterprises: extra.enterprises ?? [] }),
  });
  await service.opened;
  return service;
}

async function zoneIdsOfParcels(service: ProjectService): Promise<Record<string, string>> {
  const stored = (await service.readStored('landUseParcels')) as LandUseParcel[];
  return Object.fromEntries(stored.map((record) => [record.id, record.properties.zoneId]).sort());
}

describe('zone edits carry the land-use parcels and park sites along', () => {
  it('a merge re-points the absorbed zone\'s parcels and sites in the same step; undo points them back', async () => {
    const service = await openService({ parkSites: [site('s1', 'zone-east', rectangle(150, 20, 180, 60))] });
    const editor = createZoneEditor(service);
    expect((await editor.mergeZones('zone-west', 'zone-east')).ok).toBe(true);
    expect(await zoneIdsOfParcels(service)).toEqual({ 'east-1': 'zone-west', 'west-1': 'zone-west', 'west-2': 'zone-west' });
    expect(((await service.readStored('parkSites')) as ParkSite[])[0]?.properties.zoneId).toBe('zone-west');
    expect(editor.getHistory().done).toHaveLength(1);
    await editor.undo();
    expect(await zoneIdsOfParcels(service)).toEqual({ 'east-1': 'zone-east', 'west-1': 'zone-west', 'west-2': 'zone-west' });
    expect(((await service.readStored('parkSites')) as ParkSite[])[0]?.properties.zoneId).toBe('zone-east');
    expect((await service.readStored('zones')).map((zone) => zone.id).sort()).toEqual(['zone-east', 'zone-west']);
    service.close();
  });

  it('a split sends each parcel to the part it lies in', async () => {
    const service = await openService();
    const editor = createZoneEditor(service, { createId: () => 'zone-part' });
    const line: LineString = { type: 'LineString', coordinates: [toPosition([45, -20]), toPosition([45, 120])] };
    const split = await editor.splitZone('zone-west', line);
    expect(split.ok).toBe(true);
    const ids = split.ok ? split.value : [];
    const owners = await zoneIdsOfParcels(service);
    // The west parcel (10–40 m) and the east one (60–90 m) are in different parts.
    expect(owners['west-1']).not.toBe(owners['west-2']);
    expect(new Set([owners['west-1'], owners['west-2']])).toEqual(new Set(ids));
    await editor.undo();
    expect(await zoneIdsOfParcels(service)).toEqual({ 'east-1': 'zone-east', 'west-1': 'zone-west', 'west-2': 'zone-west' });
    service.close();
  });

  it('a delete deletes the zone\'s parcels and empty sites in one step; undo restores all of them', async () => {
    const service = await openService({ parkSites: [site('s1', 'zone-west', rectangle(20, 20, 50, 50))] });
    const editor = createZoneEditor(service);
    expect(await editor.deleteZone('zone-west')).toEqual({ ok: true, value: null });
    expect(await zoneIdsOfParcels(service)).toEqual({ 'east-1': 'zone-east' });
    expect(await service.readStored('parkSites')).toEqual([]);
    expect(editor.getHistory().done.map((edit) => edit.label)).toEqual(['删除区块']);
    await editor.undo();
    expect(Object.keys(await zoneIdsOfParcels(service))).toHaveLength(3);
    expect(await service.readStored('parkSites')).toHaveLength(1);
    await editor.redo();
    expect(Object.keys(await zoneIdsOfParcels(service))).toEqual(['east-1']);
    service.close();
  });

  it('refuses to delete a zone whose park site has enterprises, and changes nothing', async () => {
    const enterprise: Enterprise = { id: 'e1', name: '甲鞋业', industry: '鞋服', townshipId: 't1', floorAreaNeededSquareMeters: 800, source: '四无整治', parkSiteId: 's1' };
    const service = await openService({ parkSites: [site('s1', 'zone-west', rectangle(20, 20, 50, 50))], enterprises: [enterprise] });
    const editor = createZoneEditor(service);
    const zoneName = service.store.getState().records.zones.find((zone) => zone.id === 'zone-west')!.properties.name;
    expect(await editor.deleteZone('zone-west')).toEqual({ ok: false, reason: ZONE_CASCADE_REASONS.siteHasEnterprises(zoneName, '园s1', 1) });
    expect(await service.readStored('zones')).toHaveLength(2);
    expect(Object.keys(await zoneIdsOfParcels(service))).toHaveLength(3);
    expect(editor.getHistory().done).toHaveLength(0);
    service.close();
  });
});
