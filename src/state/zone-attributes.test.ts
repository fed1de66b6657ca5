import { describe, expect, it } from 'vitest';
import { defaultZoneAttributeInput, parseZoneAttributes, ZONE_ATTRIBUTE_MESSAGES, zoneAttributeInputOf } from './zone-attributes';

const TOWNSHIPS = new Set(['township-01']);

function createInput() {
  return {
    ...defaultZoneAttributeInput('township-01'),
    name: ' 江口村改造区块 ',
    responsibleUnit: '灵溪镇人民政府',
    plannedStart: '2026-03-01',
    plannedFinish: '2026-12-31',
    targetDemolitionSquareMeters: '12000',
  };
}

describe('parseZoneAttributes', () => {
  it('turns valid form values into zone properties', () => {
    expect(parseZoneAttributes(createInput(), TOWNSHIPS)).toEqual({
      ok: true,
      value: {
        name: '江口村改造区块',
        zoneType: '城中村改造',
        townshipId: 'township-01',
        responsibleUnit: '灵溪镇人民政府',
        plannedStart: '2026-03-01',
        plannedFinish: '2026-12-31',
        targetDemolitionSquareMeters: 12000,
      },
    });
  });

  it('names each invalid field', () => {
    const result = parseZoneAttributes(
      { ...createInput(), name: '  ', zoneType: '别的', townshipId: 'x', plannedStart: '2026-02-30', targetDemolitionSquareMeters: '-5' },
      TOWNSHIPS,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: ZONE_ATTRIBUTE_MESSAGES.nameMissing,
        zoneType: ZONE_ATTRIBUTE_MESSAGES.zoneTypeUnknown,
        townshipId: ZONE_ATTRIBUTE_MESSAGES.townshipUnknown,
        plannedStart: ZONE_ATTRIBUTE_MESSAGES.dateInvalid,
        targetDemolitionSquareMeters: ZONE_ATTRIBUTE_MESSAGES.targetInvalid,
      },
    });
  });

  it('refuses a finish before the start and allows empty dates and target', () => {
    expect(parseZoneAttributes({ ...createInput(), plannedFinish: '2026-01-01' }, TOWNSHIPS)).toMatchObject({ ok: false, errors: { plannedFinish: ZONE_ATTRIBUTE_MESSAGES.finishBeforeStart } });
    const empty = parseZoneAttributes({ ...createInput(), plannedStart: '', plannedFinish: '', targetDemolitionSquareMeters: '' }, TOWNSHIPS);
    expect(empty).toMatchObject({ ok: true, value: { plannedStart: '', plannedFinish: '', targetDemolitionSquareMeters: 0 } });
  });

  it('round-trips the values of an existing zone', () => {
    const parsed = parseZoneAttributes(createInput(), TOWNSHIPS);
    if (!parsed.ok) throw new Error('invalid');
    expect(parseZoneAttributes(zoneAttributeInputOf(parsed.value), TOWNSHIPS)).toEqual(parsed);
  });
});
