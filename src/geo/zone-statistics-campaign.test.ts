import { describe, expect, it } from 'vitest';
import type { FourNoUnit, VillageBlock } from '../domain/records';
import { createAdjacentZones, createRectangleRing, createZone, type LocalPoint, toPosition } from './test-fixtures';
import { attributeVillageBlocks, computeZoneCampaignFigures } from './zone-statistics-campaign';

function block(id: string, ring: ReturnType<typeof createRectangleRing>, households: number, signed: number, vacated: number, demolished: number): VillageBlock {
  return {
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { name: id, townshipId: 't', villageId: 'v', households, expropriatedHouseholds: households, signedHouseholds: signed, vacatedHouseholds: vacated, demolishedHouseholds: demolished, areaSquareMeters: 0 },
  };
}

function unit(id: string, at: LocalPoint, rectified: boolean): FourNoUnit {
  return {
    type: 'Feature', id, geometry: { type: 'Point', coordinates: toPosition(at) },
    properties: { name: id, townshipId: 't', villageId: 'v', problems: ['无证照'], foundOn: '2026-03-01', rectifiedOn: rectified ? '2026-05-01' : null },
  };
}

// zone-west covers 0..100 m east, zone-east 100..200 m.
describe('attributeVillageBlocks', () => {
  it('gives a block to the zone holding most of it, at least half; none when mostly outside', () => {
    const zones = createAdjacentZones();
    const blocks = [
      block('inside-west', createRectangleRing(10, 10, 40, 40), 10, 5, 2, 1),
      block('mostly-east', createRectangleRing(90, 10, 130, 40), 20, 10, 4, 2), // 10 m west, 30 m east
      block('mostly-outside', createRectangleRing(180, 50, 260, 60), 7, 7, 7, 7), // 20 m of 80 in zone-east
      block('straddling-equally', createRectangleRing(80, 60, 120, 90), 4, 0, 0, 0), // exactly half each
    ];
    const attributed = attributeVillageBlocks(zones, blocks);
    expect(attributed.get('inside-west')).toBe(0);
    expect(attributed.get('mostly-east')).toBe(1);
    expect(attributed.has('mostly-outside')).toBe(false);
    // A tie goes to the zone listed first; the block is counted once.
    expect(attributed.get('straddling-equally')).toBe(0);
  });
});

describe('computeZoneCampaignFigures', () => {
  it('sums 征/签/腾/拆 of attributed blocks and counts 四无 units inside each zone with their rates', () => {
    const zones = [...createAdjacentZones(), createZone('empty', [createRectangleRing(500, 500, 600, 600)])];
    const blocks = [
      block('inside-west', createRectangleRing(10, 10, 40, 40), 10, 5, 2, 1),
      block('mostly-east', createRectangleRing(90, 10, 130, 40), 20, 10, 4, 2),
      block('far', createRectangleRing(1000, 1000, 1100, 1100), 99, 99, 99, 99),
    ];
    const units = [unit('w1', [50, 50], true), unit('w2', [60, 50], false), unit('e1', [150, 50], true), unit('out', [300, 300], true)];
    const [west, east, empty] = computeZoneCampaignFigures(zones, blocks, units);
    expect(west?.village).toEqual({ blockIds: ['inside-west'], households: 10, expropriatedHouseholds: 10, signedHouseholds: 5, vacatedHouseholds: 2, demolishedHouseholds: 1, signingRate: 0.5, vacatingRate: 0.2 });
    expect(east?.village).toMatchObject({ blockIds: ['mostly-east'], households: 20, signedHouseholds: 10, demolishedHouseholds: 2, signingRate: 0.5, vacatingRate: 0.2 });
    expect(west?.fourNo).toEqual({ found: 2, rectified: 1, rectificationRate: 0.5 });
    expect(east?.fourNo).toEqual({ found: 1, rectified: 1, rectificationRate: 1 });
    expect(empty).toEqual({ zoneId: 'empty', village: { blockIds: [], households: 0, expropriatedHouseholds: 0, signedHouseholds: 0, vacatedHouseholds: 0, demolishedHouseholds: 0, signingRate: null, vacatingRate: null }, fourNo: { found: 0, rectified: 0, rectificationRate: null } });
  });

  it('counts a unit on the shared edge in both zones that contain it, and none in a hole', () => {
    const holed = createZone('holed', [createRectangleRing(300, 0, 400, 100), createRectangleRing(330, 30, 370, 70).reverse()]);
    const figures = computeZoneCampaignFigures([...createAdjacentZones(), holed], [], [unit('edge', [100, 50], false), unit('hole', [350, 50], true)]);
    expect(figures.map((entry) => entry.fourNo.found)).toEqual([1, 1, 0]);
  });
});
