/**
 * The attribute form of a zone: the values as typed (strings), their defaults, and the rules that
 * turn them into `ZoneProperties` with a Chinese message per invalid field.
 */
import { ZONE_TYPES, type ZoneProperties, type ZoneType } from '../domain/records';

export interface ZoneAttributeInput {
  name: string;
  zoneType: string;
  townshipId: string;
  responsibleUnit: string;
  /** YYYY-MM-DD or empty. */
  plannedStart: string;
  /** YYYY-MM-DD or empty. */
  plannedFinish: string;
  /** Target demolition area in m², as typed. */
  targetDemolitionSquareMeters: string;
}

export type ZoneAttributeField = keyof ZoneAttributeInput;

export type ZoneAttributeResult =
  | { ok: true; value: ZoneProperties }
  | { ok: false; errors: Partial<Record<ZoneAttributeField, string>> };

export const ZONE_ATTRIBUTE_MESSAGES = {
  nameMissing: '请填写区块名称',
  zoneTypeUnknown: '请选择区块类型',
  townshipUnknown: '请选择所属乡镇',
  dateInvalid: '日期格式应为 YYYY-MM-DD',
  finishBeforeStart: '计划完成不能早于计划开工',
  targetInvalid: '目标拆除面积应为不小于 0 的数字（m²）',
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Form values of an existing zone (numbers as text). */
export function zoneAttributeInputOf(properties: ZoneProperties): ZoneAttributeInput {
  return {
    name: properties.name,
    zoneType: properties.zoneType,
    townshipId: properties.townshipId,
    responsibleUnit: properties.responsibleUnit,
    plannedStart: properties.plannedStart,
    plannedFinish: properties.plannedFinish,
    targetDemolitionSquareMeters: String(properties.targetDemolitionSquareMeters),
  };
}

/** Form values of a new zone: the first type, the given township, the rest empty. */
export function defaultZoneAttributeInput(townshipId: string): ZoneAttributeInput {
  return {
    name: '',
    zoneType: ZONE_TYPES[0],
    townshipId,
    responsibleUnit: '',
    plannedStart: '',
    plannedFinish: '',
    targetDemolitionSquareMeters: '0',
  };
}

/**
 * Checks the form values. `townshipIds` are the townships one may choose. Names and units are
 * trimmed; empty dates are allowed (not yet planned); an empty target means 0.
 */
export function parseZoneAttributes(input: ZoneAttributeInput, townshipIds: ReadonlySet<string>): ZoneAttributeResult {
  const errors: Partial<Record<ZoneAttributeField, string>> = {};
  const name = input.name.trim();
  if (name === '') errors.name = ZONE_ATTRIBUTE_MESSAGES.nameMissing;
  if (!(ZONE_TYPES as readonly string[]).includes(input.zoneType)) errors.zoneType = ZONE_ATTRIBUTE_MESSAGES.zoneTypeUnknown;
  if (!townshipIds.has(input.townshipId)) errors.townshipId = ZONE_ATTRIBUTE_MESSAGES.townshipUnknown;
  for (const field of ['plannedStart', 'plannedFinish'] as const) {
    if (input[field] !== '' && !isIsoDate(input[field])) errors[field] = ZONE_ATTRIBUTE_MESSAGES.dateInvalid;
  }
  if (!errors.plannedStart && !errors.plannedFinish && input.plannedStart && input.plannedFinish && input.plannedFinish < input.plannedStart) {
    errors.plannedFinish = ZONE_ATTRIBUTE_MESSAGES.finishBeforeStart;
  }
  const targetText = input.targetDemolitionSquareMeters.trim();
  const target = targetText === '' ? 0 : Number(targetText);
  if (!Number.isFinite(target) || target < 0) errors.targetDemolitionSquareMeters = ZONE_ATTRIBUTE_MESSAGES.targetInvalid;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      zoneType: input.zoneType as ZoneType,
      townshipId: input.townshipId,
      responsibleUnit: input.responsibleUnit.trim(),
      plannedStart: input.plannedStart,
      plannedFinish: input.plannedFinish,
      targetDemolitionSquareMeters: target,
    },
  };
}
