import 'fake-indexeddb/auto';
import type { LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Zone, ZoneProperties } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { normaliseZonePolygon } from '../geo/normalise-zone-polygon';
import { createRectangleRing, createZone, toPosition } from '../geo/test-fixtures';
import { ZONE_EDIT_REASONS } from '../geo/zone-edit-result';
import { createProjectService, type ProjectService } from './project-service';
import { apportionTarget, createZoneEditor, ZONE_COMMAND_REASONS } from './zone-editor';

function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return normaliseZonePolygon({ type: 'Polygon', coordinates: [createRectangleRing(west, south, east, north)] });
}

function createProperties(): ZoneProperties {
  return {
    name: '新区块', zoneType: '工业区块整治', townshipId: 'township-1', responsibleUnit: '城建办',
    plannedStart: '2026-01-01', plannedFinish: '2026-12-31', targetDemolitionSquareMeters: 9000,
  };
}

function createZones(): Zone[] {
  return [createZone('zone-west', [rectangle(0, 0, 100, 100).coordinates[0]!]), createZone('zone-east', [rectangle(100, 0, 200, 100).coordinates[0]!])];
}

async function openService(name = `zones-${Math.random().toString(36).slice(2)}`): Promise<ProjectService> {
  const service = createProjectService({ databaseName: name, sampleName: 'zone test', loadSample: async () => ({ zones: createZones() }) });
  await service.opened;
  return service;
}

function idCounter(): () => string {
  let next = 1;
  return () => `zone-new-${next++}`;
}

async function storedZones(service: ProjectService): Promise<Zone[]> {
  return (await service.readStored('zones')) as Zone[];
}

const storedIds = async (service: ProjectService) => (await storedZones(service)).map((zone) => zone.id).sort();

describe('zone editor', () => {
  it('creates a zone in stored form, saves it, and undo/redo delete and restore it', async () => {
    const service = await openService();
    const editor = createZoneEditor(service, { createId: idCounter() });
    const open = { type: 'Polygon' as const, coordinates: [createRectangleRing(300, 0, 400, 100).slice(0, -1).reverse()] };
    const result = await editor.createZone(open, createProperties());
    expect(result).toEqual({ ok: true, value: 'zone-new-1' });
    const created = (await storedZones(service)).find((zone) => zone.id === 'zone-new-1');
    expect(created?.geometry.coordinates[0]).toHaveLength(5);
    expect(service.store.getState().save.state).toBe('saved');
    expect(editor.getHistory().done.map((edit) => edit.label)).toEqual(['新建区块']);

    await editor.undo();
    expect(await storedIds(service)).toEqual(['zone-east', 'zone-west']);
    await editor.redo();
    expect(await storedIds(service)).toEqual(['zone-east', 'zone-new-1', 'zone-west']);
    service.close();
  });

  it('refuses a self-intersecting geometry edit and saves nothing', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[toPosition([0, 0]), toPosition([100, 100]), toPosition([100, 0]), toPosition([0, 100]), toPosition([0, 0])]] };
    const result = await editor.updateZoneGeometry('zone-west', bowTie);
    expect(result).toMatchObject({ ok: false, reason: ZONE_EDIT_REASONS.selfIntersection });
    expect(service.store.getState().save.state).toBe('idle');
    expect(editor.getHistory().done).toEqual([]);
    service.close();
  });

  it('edits geometry and attributes, each undone on its own', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    const original = createZones()[0]!;
    await editor.updateZoneGeometry('zone-west', rectangle(0, 0, 120, 100));
    await editor.updateZoneAttributes('zone-west', { ...original.properties, name: '改名' });
    let west = (await storedZones(service)).find((zone) => zone.id === 'zone-west')!;
    expect(west.properties.name).toBe('改名');
    expect(west.geometry).toEqual(rectangle(0, 0, 120, 100));
    await editor.undo();
    west = (await storedZones(service)).find((zone) => zone.id === 'zone-west')!;
    expect(west.properties.name).toBe(original.properties.name);
    expect(west.geometry).toEqual(rectangle(0, 0, 120, 100));
    await editor.undo();
    west = (await storedZones(service)).find((zone) => zone.id === 'zone-west')!;
    expect(west.geometry).toEqual(original.geometry);
    expect(await editor.undo()).toEqual({ ok: false, reason: ZONE_COMMAND_REASONS.nothingToUndo });
    service.close();
  });

  it('splits a zone into parts that share the target, and undo restores the original', async () => {
    const service = await openService();
    const editor = createZoneEditor(service, { createId: idCounter() });
    const line: LineString = { type: 'LineString', coordinates: [toPosition([70, -10]), toPosition([70, 110])] };
    const result = await editor.splitZone('zone-west', line);
    expect(result).toEqual({ ok: true, value: ['zone-west', 'zone-new-1'] });
    const zones = await storedZones(service);
    const parts = ['zone-west', 'zone-new-1'].map((id) => zones.find((zone) => zone.id === id)!);
    expect(parts.map((zone) => zone.properties.targetDemolitionSquareMeters)).toEqual([3500, 1500]);
    expect(parts[1]?.properties.name).toBe('区块 zone-west-2');
    const total = parts.reduce((sum, zone) => sum + ellipsoidalAreaSquareMeters(zone.geometry), 0);
    expect(total).toBeCloseTo(ellipsoidalAreaSquareMeters(createZones()[0]!.geometry), 1);
    await editor.undo();
    expect(await storedIds(service)).toEqual(['zone-east', 'zone-west']);
    expect((await storedZones(service)).find((zone) => zone.id === 'zone-west')?.geometry).toEqual(createZones()[0]!.geometry);
    service.close();
  });

  it('merges two adjacent zones into the first, and undo brings the second back', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    expect(await editor.mergeZones('zone-west', 'zone-east')).toEqual({ ok: true, value: null });
    const zones = await storedZones(service);
    expect(zones.map((zone) => zone.id)).toEqual(['zone-west']);
    expect(zones[0]?.properties.targetDemolitionSquareMeters).toBe(10000);
    await editor.undo();
    expect(await storedIds(service)).toEqual(['zone-east', 'zone-west']);
    await editor.redo();
    expect(await storedIds(service)).toEqual(['zone-west']);
    service.close();
  });

  it('deletes a zone and undo restores it; refuses a merge of zones that do not touch', async () => {
    const service = await openService();
    const editor = createZoneEditor(service, { createId: idCounter() });
    await editor.createZone(rectangle(500, 0, 600, 100), createProperties());
    expect(await editor.mergeZones('zone-west', 'zone-new-1')).toEqual({ ok: false, reason: ZONE_EDIT_REASONS.mergeDisjoint });
    await editor.deleteZone('zone-east');
    expect(await storedIds(service)).toEqual(['zone-new-1', 'zone-west']);
    await editor.undo();
    expect(await storedIds(service)).toEqual(['zone-east', 'zone-new-1', 'zone-west']);
    service.close();
  });

  it('refuses to undo over a change made elsewhere and clears the history', async () => {
    const service = await openService();
    const editor = createZoneEditor(service);
    await editor.updateZoneGeometry('zone-west', rectangle(0, 0, 120, 100));
    const changedElsewhere = { ...service.store.getState().records.zones.find((zone) => zone.id === 'zone-west')!, properties: { ...createProperties() } };
    await service.saveRecords('zones', [changedElsewhere]);
    expect(await editor.undo()).toEqual({ ok: false, reason: ZONE_COMMAND_REASONS.conflict });
    expect(editor.getHistory()).toEqual({ done: [], undone: [] });
    service.close();
  });
});

describe('apportionTarget', () => {
  it('shares by area in whole m², the remainder on the first part', () => {
    expect(apportionTarget(1000, [2, 1])).toEqual([667, 333]);
    expect(apportionTarget(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportionTarget(10, [0, 0])).toEqual([10, 0]);
  });
});
