/**
 * Field mapping of an import: for each attribute of the target layer, where its value comes from
 * (a field of the file, a constant, or nothing — the normaliser's default), with value mappings
 * for attributes that take one of a fixed list (状态, 建筑类型 …). Guesses from Chinese and English
 * field names; a mapping can be remembered per layer and reapplied to the next file.
 */
import {
  BUILDING_TYPES, DISPOSAL_CLASSES, OWNER_TYPES, PARK_STAGES, VIOLATION_ORIGINS, ZONE_TYPES,
} from '../domain/records';
import { RED_LINE_TYPES } from '../domain/red-lines';
import { VIOLATION_STATUSES } from '../domain/violation-status';
import type { ImportableKind } from './record-normalisers';

export interface TargetAttribute {
  key: string;
  label: string;
  /** Field names (lower case, no spaces) guessed to hold this attribute, best first. */
  synonyms: readonly string[];
  /** Other property names the normaliser reads for this attribute (removed when the mapping says otherwise). */
  aliases: readonly string[];
  /** The allowed values, for attributes that take one of a list. */
  values?: readonly string[];
}

export type AttributeSource =
  | { from: 'field'; field: string; values?: Readonly<Record<string, string>> }
  | { from: 'constant'; value: string }
  | { from: 'empty' };

/** Target attribute key → where its value comes from. */
export type FieldMapping = Readonly<Record<string, AttributeSource>>;

/** A field found in the file, with a few sample values and its distinct values (up to a limit). */
export interface SourceField {
  name: string;
  samples: string[];
  distinctValues: string[];
  /** More distinct values exist than listed. */
  distinctOverflow: boolean;
}

const NAME: TargetAttribute = { key: 'name', label: '名称', synonyms: ['name', '名称', 'mc', '区块名称', '单位名称', '村名', '乡镇名称', 'title'], aliases: ['名称'] };
const HOUSEHOLDS = (key: string, label: string, synonyms: string[]): TargetAttribute => ({ key, label, synonyms: [key.toLowerCase(), ...synonyms], aliases: [] });

export const TARGET_ATTRIBUTES: Readonly<Record<ImportableKind, readonly TargetAttribute[]>> = {
  violations: [
    { key: 'code', label: '图斑编号', synonyms: ['code', '图斑编号', 'tbbh', '编号', 'bh', 'id'], aliases: ['图斑编号'] },
    { key: 'status', label: '状态', synonyms: ['status', '状态', 'zt', '处置状态'], aliases: [], values: VIOLATION_STATUSES },
    { key: 'buildingType', label: '建筑类型', synonyms: ['buildingtype', '建筑类型', 'jzlx', '用途', 'type'], aliases: ['建筑类型'], values: BUILDING_TYPES },
    { key: 'origin', label: '来源（新增/存量）', synonyms: ['origin', '来源', 'ly'], aliases: [], values: VIOLATION_ORIGINS },
    { key: 'disposalClass', label: '分类处置', synonyms: ['disposalclass', '分类处置', '处置方式', '处置类型'], aliases: [], values: DISPOSAL_CLASSES },
    { key: 'yearBuilt', label: '建成年份', synonyms: ['yearbuilt', '建成年份', '建设年份', '年份', 'year', 'jcnf'], aliases: ['建成年份'] },
    { key: 'ownerType', label: '权属类型', synonyms: ['ownertype', '权属类型', '权属', 'qslx'], aliases: ['权属类型'], values: OWNER_TYPES },
    { key: 'ownerName', label: '当事人', synonyms: ['ownername', '当事人', '权利人', '业主', '户主', 'owner', 'dsr'], aliases: ['当事人'] },
  ],
  zones: [
    NAME,
    { key: 'zoneType', label: '区块类型', synonyms: ['zonetype', '区块类型', '类型', 'type'], aliases: [], values: ZONE_TYPES },
    { key: 'responsibleUnit', label: '责任单位', synonyms: ['responsibleunit', '责任单位', 'zrdw'], aliases: [] },
    { key: 'plannedStart', label: '计划开工', synonyms: ['plannedstart', '计划开工', '开工日期', '开工时间'], aliases: [] },
    { key: 'plannedFinish', label: '计划完成', synonyms: ['plannedfinish', '计划完成', '完成日期', '完成时间'], aliases: [] },
    { key: 'targetDemolitionSquareMeters', label: '目标拆除面积（m²）', synonyms: ['targetdemolitionsquaremeters', '目标拆除面积', '拆除目标'], aliases: [] },
  ],
  villageBlocks: [
    NAME,
    HOUSEHOLDS('households', '总户数', ['总户数', '户数']),
    HOUSEHOLDS('expropriatedHouseholds', '征收户数（征）', ['征收户数', '征']),
    HOUSEHOLDS('signedHouseholds', '签约户数（签）', ['签约户数', '签']),
    HOUSEHOLDS('vacatedHouseholds', '腾空户数（腾）', ['腾空户数', '腾']),
    HOUSEHOLDS('demolishedHouseholds', '拆除户数（拆）', ['拆除户数', '拆']),
  ],
  industrialBlocks: [NAME, HOUSEHOLDS('enterpriseCount', '企业数', ['企业数', '企业数量'])],
  parkSites: [
    NAME,
    HOUSEHOLDS('capacitySquareMeters', '规划建筑面积（m²）', ['规划建筑面积', '建筑面积']),
    HOUSEHOLDS('allocatedSquareMeters', '已分配面积（m²）', ['已分配面积']),
    HOUSEHOLDS('plotRatio', '容积率', ['容积率']),
    { key: 'stage', label: '阶段', synonyms: ['stage', '阶段'], aliases: [], values: PARK_STAGES },
  ],
  fourNoUnits: [NAME, HOUSEHOLDS('foundOn', '排查日期', ['排查日期', '发现日期'])],
  townships: [NAME, HOUSEHOLDS('code', '行政区划代码', ['行政区划代码', '代码', 'xzqdm'])],
  villages: [NAME, HOUSEHOLDS('households', '户数', ['户数', '总户数'])],
  redLines: [
    NAME,
    { key: 'lineType', label: '控制线类型', synonyms: ['linetype', '控制线类型', '类型', 'kzxlx', 'type'], aliases: ['控制线类型'], values: RED_LINE_TYPES },
    { key: 'source', label: '依据', synonyms: ['source', '依据', '批准文件', '规划依据'], aliases: ['依据'] },
  ],
};

/** Words that name an enum value in the field, beyond the value itself (e.g. 已拆 → 已拆除). */
const VALUE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  发现: ['新发现', '待核查', '待认定', 'found', 'new'],
  认定: ['已认定', '立案', '查实', 'confirmed'],
  处置中: ['处理中', '整改中', '拆除中', 'inprogress'],
  已拆除: ['已拆', '拆除', '拆了', 'demolished'],
  已整改: ['整改', '已改', 'rectified'],
  销号: ['已销号', '办结', '结案', 'closed'],
};

const normalise = (text: string): string => text.trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

/** The enum value a source value most likely means, or '' (the attribute's default). */
export function guessValue(sourceValue: string, allowed: readonly string[]): string {
  const value = normalise(sourceValue);
  if (value === '') return '';
  const exact = allowed.find((candidate) => normalise(candidate) === value);
  if (exact) return exact;
  const synonym = allowed.find((candidate) => (VALUE_SYNONYMS[candidate] ?? []).some((word) => normalise(word) === value));
  if (synonym) return synonym;
  return allowed.find((candidate) => value.length >= 2 && (normalise(candidate).includes(value) || value.includes(normalise(candidate)))) ?? '';
}

/** Value mappings for every distinct value of a field. */
export function guessValueMap(field: SourceField | undefined, allowed: readonly string[]): Record<string, string> {
  return Object.fromEntries((field?.distinctValues ?? []).map((value) => [value, guessValue(value, allowed)]));
}

/** The mapping guessed from the file's field names: the first synonym present wins. */
export function guessMapping(kind: ImportableKind, fields: readonly SourceField[]): FieldMapping {
  const byName = new Map(fields.map((field) => [normalise(field.name), field]));
  const mapping: Record<string, AttributeSource> = {};
  for (const attribute of TARGET_ATTRIBUTES[kind]) {
    const field = [attribute.key, ...attribute.synonyms].map((name) => byName.get(normalise(name))).find((found) => found !== undefined);
    mapping[attribute.key] = field
      ? { from: 'field', field: field.name, ...(attribute.values ? { values: guessValueMap(field, attribute.values) } : {}) }
      : { from: 'empty' };
  }
  return mapping;
}

/**
 * The remembered mapping where it still fits the file (its fields exist), the guess elsewhere;
 * value mappings of a remembered field are completed with guesses for new values.
 */
export function mergeRemembered(kind: ImportableKind, fields: readonly SourceField[], remembered: FieldMapping | null): FieldMapping {
  const guessed = guessMapping(kind, fields);
  if (!remembered) return guessed;
  const mapping: Record<string, AttributeSource> = { ...guessed };
  for (const attribute of TARGET_ATTRIBUTES[kind]) {
    const entry = remembered[attribute.key];
    if (!entry) continue;
    if (entry.from !== 'field') {
      mapping[attribute.key] = entry;
      continue;
    }
    const field = fields.find((candidate) => candidate.name === entry.field);
    if (!field) continue;
    mapping[attribute.key] = attribute.values
      ? { from: 'field', field: field.name, values: { ...guessValueMap(field, attribute.values), ...(entry.values ?? {}) } }
      : { from: 'field', field: field.name };
  }
  return mapping;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** Reads a stored mapping back, dropping anything malformed (it came from localStorage). */
export function parseRememberedMapping(json: string | null): FieldMapping | null {
  if (!json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const mapping: Record<string, AttributeSource> = {};
  for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const candidate = entry as { from?: unknown; field?: unknown; value?: unknown; values?: unknown };
    if (candidate?.from === 'empty') mapping[key] = { from: 'empty' };
    else if (candidate?.from === 'constant' && isText(candidate.value)) mapping[key] = { from: 'constant', value: candidate.value };
    else if (candidate?.from === 'field' && isText(candidate.field)) {
      const values = typeof candidate.values === 'object' && candidate.values !== null
        ? Object.fromEntries(Object.entries(candidate.values).filter((pair): pair is [string, string] => isText(pair[1])))
        : undefined;
      mapping[key] = { from: 'field', field: candidate.field, ...(values ? { values } : {}) };
    }
  }
  return mapping;
}

/**
 * The properties the normaliser sees: the file's own (minus the names the normaliser would read
 * for an attribute mapped elsewhere), plus each attribute's mapped value. A value-mapped attribute whose source
 * value maps to '' is left out (the normaliser's default applies). Empty strings and nulls count as
 * no value.
 */
export function applyFieldMapping(kind: ImportableKind, properties: Readonly<Record<string, unknown>>, mapping: FieldMapping): Record<string, unknown> {
  const attributes = TARGET_ATTRIBUTES[kind];
  const result: Record<string, unknown> = { ...properties };
  for (const attribute of attributes) {
    const source = mapping[attribute.key] ?? { from: 'empty' };
    // The mapped field itself is kept under its own name; the other names the normaliser reads are not.
    for (const name of [attribute.key, ...attribute.aliases]) if (source.from !== 'field' || source.field !== name) delete result[name];
    let value: unknown;
    if (source.from === 'constant') value = source.value;
    else if (source.from === 'field') {
      value = properties[source.field];
      if (attribute.values && value !== null && value !== undefined) {
        const text = String(value).trim();
        value = source.values?.[text] ?? guessValue(text, attribute.values);
      }
    }
    if (value !== undefined && value !== null && value !== '') result[attribute.key] = value;
  }
  return result;
}

/** Distinct values listed per field; beyond this the field is marked as overflowing. */
export const DISTINCT_VALUE_LIMIT = 30;

/** Collects the fields of the features' properties, with samples and distinct values. */
export function collectSourceFields(features: Iterable<unknown>): SourceField[] {
  const fields = new Map<string, { samples: string[]; distinct: Set<string>; overflow: boolean }>();
  for (const feature of features) {
    const properties = (feature as { properties?: unknown } | null)?.properties;
    if (typeof properties !== 'object' || properties === null) continue;
    for (const [name, value] of Object.entries(properties)) {
      let field = fields.get(name);
      if (!field) {
        field = { samples: [], distinct: new Set(), overflow: false };
        fields.set(name, field);
      }
      if (value === null || value === undefined || typeof value === 'object') continue;
      const text = String(value).trim();
      if (text === '') continue;
      if (field.samples.length < 3 && !field.samples.includes(text)) field.samples.push(text);
      if (field.distinct.has(text) || field.overflow) continue;
      if (field.distinct.size >= DISTINCT_VALUE_LIMIT) field.overflow = true;
      else field.distinct.add(text);
    }
  }
  return [...fields].map(([name, field]) => ({ name, samples: field.samples, distinctValues: [...field.distinct], distinctOverflow: field.overflow }));
}
