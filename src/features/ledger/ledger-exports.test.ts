import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readKml } from '../../io/kml-reader';
import type { LedgerTable } from '../../state/ledger-tables';
import type { ProjectRecords } from '../../state/project-state';
import { kmlDocument } from './ledger-exports';

const zone: Feature = {
  type: 'Feature', id: 'zone-1', properties: { name: '灵溪镇 <东门> 改造区块' },
  geometry: { type: 'Polygon', coordinates: [[[120.4012345, 27.5012345], [120.4112345, 27.5012345], [120.4112345, 27.5112345], [120.4012345, 27.5012345]]] },
};
const table: LedgerTable = {
  id: 'zones', title: '改造区块', total: null,
  columns: [{ key: 'name', label: '改造区块', kind: 'text' }, { key: 'zoneArea', label: '区块面积（m²）', kind: 'number', decimals: 0, balanced: true }],
  rows: [{ id: 'zone-1', layerId: null, townshipId: 't', values: { name: '灵溪镇 <东门> 改造区块', zoneArea: 1234 } }],
} as unknown as LedgerTable;

describe('ledger KML export', () => {
  it('writes the rows shown with their names, columns as ExtendedData and the stored geometry exactly', () => {
    const text = kmlDocument(table, { zones: [zone], violations: [], townships: [] } as unknown as ProjectRecords);
    const read = readKml(new TextEncoder().encode(text), 'x.kml');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const [feature] = read.layer.features;
    expect(feature!.geometry).toEqual(zone.geometry);
    expect(feature!.properties).toMatchObject({ name: '灵溪镇 <东门> 改造区块', 编号: 'zone-1', 改造区块: '灵溪镇 <东门> 改造区块', '区块面积（m²）': '1234' });
    expect(text).toContain('&lt;东门&gt;');
  });
});
