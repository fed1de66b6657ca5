import { describe, expect, it } from 'vitest';
import { sortEpochsByDate, validateEpoch, type LocalImageEpoch } from './epochs';

function createEpoch(overrides: Partial<LocalImageEpoch> = {}): LocalImageEpoch {
  return {
    id: 'epoch-2025-11', name: '2025年11月 航拍', date: '2025-11-15', source: '航拍', resolutionMetersPerPixel: 1,
    bounds: [120.45, 27.51, 120.47, 27.53], imageKind: 'png', widthPixels: 2000, heightPixels: 2000, ...overrides,
  };
}

describe('validateEpoch', () => {
  it('accepts a complete epoch and returns a copy', () => {
    const epoch = createEpoch();
    const result = validateEpoch(epoch);
    expect(result).toEqual({ ok: true, value: epoch });
    if (result.ok) expect(result.value.bounds).not.toBe(epoch.bounds);
  });

  it.each([
    ['a date that is not YYYY-MM-DD', { date: '2025-11' }, '日期'],
    ['an unknown source', { source: '无人机' }, '来源'],
    ['a non-positive resolution', { resolutionMetersPerPixel: 0 }, '分辨率'],
    ['swapped bounds', { bounds: [120.47, 27.51, 120.45, 27.53] }, '西边'],
    ['bounds outside lon/lat', { bounds: [500000, 3000000, 510000, 3010000] }, '超出'],
    ['an unknown image kind', { imageKind: 'tiff' }, '格式'],
    ['a fractional width', { widthPixels: 10.5 }, '宽高'],
  ])('refuses %s', (_, overrides, message) => {
    const result = validateEpoch({ ...createEpoch(), ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('refuses what is not an object', () => {
    expect(validateEpoch(null).ok).toBe(false);
  });
});

describe('sortEpochsByDate', () => {
  it('puts the older epoch first', () => {
    const later = createEpoch({ id: 'b', date: '2026-11-15' });
    const earlier = createEpoch({ id: 'a', date: '2025-11-15' });
    expect(sortEpochsByDate([later, earlier]).map((epoch) => epoch.id)).toEqual(['a', 'b']);
  });
});
