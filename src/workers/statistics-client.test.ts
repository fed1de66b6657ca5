import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { Violation, Zone } from '../domain/records';
import { applyStatisticsUpdate } from '../geo/zone-statistics-engine';
import { computeZoneStatistics } from '../geo/zone-statistics';
import { createAdjacentZones, createRectangleRing, createRotatedRing, createViolation, createZone } from '../geo/test-fixtures';
import { createInProcessStatisticsClient, createStatisticsClient, createStatisticsClientOnEndpoint, type StatisticsClient } from './statistics-client';
import { packBoundingBoxes } from '../geo/spatial-index';
import { ZoneStatisticsEngine } from '../geo/zone-statistics-engine';
import { packViolations, packViolationsInSlices, unpackViolations, viewPackedViolations } from './statistics-transfer';
import { createStatisticsWorkerApi } from './statistics-worker-api';
import { packedGeometryOf } from '../geo/lazy-geometry';
import { packRecords, unpackRecords } from './record-packing';

function createScene(): { zones: Zone[]; violations: Violation[] } {
  const zones = [...createAdjacentZones(), createZone('holed', [createRectangleRing(0, 200, 200, 400), createRectangleRing(80, 280, 120, 320).reverse()])];
  const violations = [
    createViolation('straddler', [createRotatedRing([[90, 45], [110, 45], [110, 55], [90, 55]], 30, [100, 50])]),
    createViolation('inside', [createRectangleRing(10, 10, 30, 20)], { status: '已拆除', statusDates: { 已拆除: '2025-03-01' } }),
    createViolation('closed', [createRectangleRing(150, 60, 170, 75)], { status: '销号', statusDates: { 已拆除: '2025-03-01', 销号: '2025-04-01' } }),
    createViolation('courtyard', [createRectangleRing(60, 260, 140, 340), createRectangleRing(90, 290, 110, 310).reverse()]),
    createViolation('two-parts', [[createRectangleRing(10, 210, 20, 220)], [createRectangleRing(150, 10, 160, 20)]]),
    createViolation('far', [createRectangleRing(900, 900, 910, 910)]),
  ];
  return { zones, violations };
}

/** A client talking to the worker API over a MessageChannel, as the app talks to the worker. */
function createChannelClient(): { client: StatisticsClient; close: () => void } {
  const channel = new MessageChannel();
  expose(createStatisticsWorkerApi(), channel.port1);
  const close = () => {
    channel.port1.close();
    channel.port2.close();
  };
  return { client: createStatisticsClientOnEndpoint(channel.port2, { close }), close };
}

describe('packViolations / unpackViolations', () => {
  it('round-trips polygons, holes and multipolygons with the fields the statistics read', () => {
    const { violations } = createScene();
    const unpacked = unpackViolations(packViolations(violations).packed);
    expect(unpacked.map((violation) => violation.geometry)).toEqual(violations.map((violation) => violation.geometry));
    expect(unpacked.map((violation) => violation.id)).toEqual(violations.map((violation) => violation.id));
    expect(unpacked.map((violation) => violation.properties.status)).toEqual(violations.map((violation) => violation.properties.status));
    expect(unpacked.map((violation) => violation.properties.statusDates['已拆除'])).toEqual(violations.map((violation) => violation.properties.statusDates['已拆除']));
    const { zones } = createScene();
    expect(computeZoneStatistics(zones, unpacked)).toEqual(computeZoneStatistics(zones, violations));
  });

  it('views the packed violations lazily, with the same boxes, geometries and statistics', () => {
    const { zones, violations } = createScene();
    const view = viewPackedViolations(packViolations(violations).packed);
    expect(view.boxes).toEqual(packBoundingBoxes(violations.map((violation) => violation.geometry)));
    const engine = new ZoneStatisticsEngine(zones, view.violations, { boxes: view.boxes });
    expect(engine.statistics()).toEqual(computeZoneStatistics(zones, violations));
    expect(view.violations.map((violation) => violation.geometry)).toEqual(violations.map((violation) => violation.geometry));
  });

  it('packs violations whose geometry is still packed the same, without building it', async () => {
    const { violations } = createScene();
    const lazy = unpackRecords(packRecords(violations).packed, { lazyGeometry: true });
    expect(packViolations(lazy).packed).toEqual(packViolations(violations).packed);
    expect((await packViolationsInSlices(lazy, 4)).packed).toEqual(packViolations(violations).packed);
    expect(lazy.every((violation) => packedGeometryOf(violation) !== null)).toBe(true);
  });

  it('packs in slices exactly as in one go', async () => {
    const { violations } = createScene();
    expect((await packViolationsInSlices(violations, 4)).packed).toEqual(packViolations(violations).packed);
  });

  it('reads nothing in the calling task, and one slice of violations per task (counting, then packing)', async () => {
    const { violations } = createScene();
    let reads = 0;
    const counted = violations.map((violation) => ({ ...violation, get geometry() {
      reads += 1;
      return violation.geometry;
    } }));
    const sliceSize = 2;
    let finished = false;
    const packing = packViolationsInSlices(counted, sliceSize).finally(() => {
      finished = true;
    });
    expect(reads).toBe(0);
    const readsPerTask: number[] = [];
    while (!finished) {
      const before = reads;
      await new Promise((resolve) => setTimeout(resolve, 0));
      readsPerTask.push(reads - before);
    }
    expect(violations.length).toBeGreaterThan(2 * sliceSize);
    expect(Math.max(...readsPerTask)).toBe(sliceSize);
    // Each violation's geometry is read twice: once to count its rings, once to pack it.
    expect(reads).toBe(2 * violations.length);
    expect((await packing).packed).toEqual(packViolations(violations).packed);
  });
});

describe.each([
  ['over a MessageChannel (comlink, as in the worker)', createChannelClient],
  ['in process', () => ({ client: createInProcessStatisticsClient(), close: () => undefined })],
])('statistics client %s', (_name, create) => {
  let close: () => void = () => undefined;
  afterEach(() => close());

  it('loads, applies violation and zone edits, and agrees with a full recompute', async () => {
    const created = create();
    close = created.close;
    const { client } = created;
    const { zones, violations } = createScene();
    let listed = await client.load(zones, violations);
    expect(listed).toEqual(computeZoneStatistics(zones, violations));

    const straddler = violations[0] as Violation;
    const demolished: Violation = { ...straddler, properties: { ...straddler.properties, status: '已拆除', statusDates: { 已拆除: '2025-06-01' } } };
    const update = await client.applyViolationChange({ before: straddler, after: demolished });
    expect(update.changed.map((statistics) => statistics.zoneId)).toEqual(['zone-west', 'zone-east']);
    listed = applyStatisticsUpdate(listed, update);

    const added = createViolation('added', [createRectangleRing(40, 40, 60, 60)]);
    listed = applyStatisticsUpdate(listed, await client.applyViolationChanges([{ before: null, after: added }, { before: violations[1] as Violation, after: null }]));
    const movedZone = createZone('zone-east', [createRectangleRing(100, 0, 250, 100)]);
    listed = applyStatisticsUpdate(listed, await client.applyZoneChange({ before: zones[1] as Zone, after: movedZone }));

    const edited = [demolished, ...violations.slice(2), added];
    const expected = computeZoneStatistics([zones[0] as Zone, movedZone, zones[2] as Zone], edited);
    expect(listed).toEqual(expected);
    expect(await client.statistics()).toEqual(expected);
  });

  it('answers calls made without waiting in the order they were made (an edit right after load)', async () => {
    const created = create();
    close = created.close;
    const { client } = created;
    const { zones, violations } = createScene();
    const straddler = violations[0] as Violation;
    const demolished: Violation = { ...straddler, properties: { ...straddler.properties, status: '已拆除', statusDates: { 已拆除: '2025-06-01' } } };
    const [loaded, update, after] = await Promise.all([client.load(zones, violations), client.applyViolationChange({ before: straddler, after: demolished }), client.statistics()]);
    expect(loaded).toEqual(computeZoneStatistics(zones, violations));
    expect(applyStatisticsUpdate(loaded, update)).toEqual(after);
    expect(after).toEqual(computeZoneStatistics(zones, [demolished, ...violations.slice(1)]));
  });

  it('rejects edits before loading and edits of unknown records, and stops after dispose', async () => {
    const created = create();
    close = created.close;
    const { client } = created;
    await expect(client.statistics()).rejects.toThrow(/load/);
    const { zones, violations } = createScene();
    await client.load(zones, violations);
    await expect(client.applyViolationChange({ before: createViolation('unknown', [createRectangleRing(0, 0, 1, 1)]), after: null })).rejects.toThrow(/unknown/);
    client.dispose();
    await expect(client.statistics()).rejects.toThrow(/disposed/);
  });
});

describe('createStatisticsClient', () => {
  it('falls back to the in-process engine where there is no Worker (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const client = createStatisticsClient();
    const { zones, violations } = createScene();
    expect(await client.load(zones, violations)).toEqual(computeZoneStatistics(zones, violations));
    client.dispose();
  });
});
