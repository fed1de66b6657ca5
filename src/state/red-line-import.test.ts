import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { createRectangleRing } from '../geo/test-fixtures';
import { isImportableKind, normaliseRecord } from './record-normalisers';

const geometry: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(0, 0, 200, 100)] };
const context = { townships: [], villages: [], isoDate: '2026-11-22', index: 0 };

describe('importing 规划控制线 (kind redLines)', () => {
  it('keeps a known control-line type from 控制线类型 and recomputes the area on the ellipsoid', () => {
    expect(isImportableKind('redLines')).toBe(true);
    const feature: Feature = { type: 'Feature', geometry, properties: { 名称: '某河道蓝线', 控制线类型: '河道蓝线', 依据: '某规划', areaSquareMeters: 1 } };
    const record = normaliseRecord('redLines', feature, 'red-1', context);
    expect(record.properties).toMatchObject({ name: '某河道蓝线', lineType: '河道蓝线', source: '某规划' });
    expect(record.properties?.['areaSquareMeters']).toBeCloseTo(ellipsoidalAreaSquareMeters(geometry), 6);
  });

  it('reads an unknown type as 生态保护红线', () => {
    const record = normaliseRecord('redLines', { type: 'Feature', geometry, properties: { lineType: '不存在的线' } }, 'red-2', context);
    expect(record.properties?.['lineType']).toBe('生态保护红线');
  });
});
