import { describe, expect, it } from 'vitest';
import type { LandUseParcel } from '../domain/land-use';
import { createRectangleRing, createZone } from '../geo/test-fixtures';
import { landUseSheet } from './land-use-sheet';
import { createEmptyRecords } from './project-state';

function createParcel(id: string, landUseClass: '耕' | '绿', areaSquareMeters: number): LandUseParcel {
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [] }, properties: { zoneId: 'zone-a', landUseClass, landUseCode: landUseClass === '耕' ? '0101' : '1401', areaSquareMeters } };
}

describe('landUseSheet', () => {
  it('has a row per planned zone, per township and the county, with m², 亩 and share per class', () => {
    const records = createEmptyRecords();
    records.zones = [createZone('zone-a', [createRectangleRing(0, 0, 100, 100)]), createZone('zone-b', [createRectangleRing(200, 0, 300, 100)])];
    records.townships = [{ type: 'Feature', id: 'township-1', geometry: { type: 'Polygon', coordinates: [] }, properties: { name: '灵溪镇', code: '330327100' } }];
    records.landUseParcels = [createParcel('p1', '耕', 6000), createParcel('p2', '绿', 4000)];
    const sheet = landUseSheet(records);
    expect(sheet.name).toBe('拆后土地利用');
    expect(sheet.columns.map((column) => column.header).slice(0, 5)).toEqual(['层级', '名称', '耕（m²）', '耕（亩）', '耕占比']);
    expect(sheet.rows.map((cells) => cells[0])).toEqual(['区块', '乡镇', '全县']);
    expect(sheet.rows[2]?.slice(2, 5)).toEqual([6000, 9, 0.6]);
    expect(sheet.rows[2]?.slice(-3)).toEqual([10000, 15, 2]);
  });
});
