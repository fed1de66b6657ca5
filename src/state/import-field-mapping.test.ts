import { describe, expect, it } from 'vitest';
import {
  applyFieldMapping, collectSourceFields, guessMapping, guessValue, mergeRemembered, parseRememberedMapping, type SourceField,
} from './import-field-mapping';
import { VIOLATION_STATUSES } from '../domain/violation-status';

function createFields(properties: Record<string, unknown>[]): SourceField[] {
  return collectSourceFields(properties.map((entry) => ({ type: 'Feature', properties: entry, geometry: null })));
}

describe('guessMapping', () => {
  it('maps Chinese and English field names to the layer attributes, whatever their case', () => {
    const fields = createFields([{ 图斑编号: 'A-1', 状态: '已拆', 当事人: '张三', NAME: '某地块' }]);
    const mapping = guessMapping('violations', fields);
    expect(mapping['code']).toEqual({ from: 'field', field: '图斑编号' });
    expect(mapping['ownerName']).toEqual({ from: 'field', field: '当事人' });
    expect(mapping['status']).toEqual({ from: 'field', field: '状态', values: { 已拆: '已拆除' } });
    expect(mapping['yearBuilt']).toEqual({ from: 'empty' });
    expect(guessMapping('zones', fields)['name']).toEqual({ from: 'field', field: 'NAME' });
    expect(guessMapping('zones', createFields([{ 名称: '东区' }]))['name']).toEqual({ from: 'field', field: '名称' });
  });
});

describe('guessValue', () => {
  it('finds the status a source value means, or leaves it to the default', () => {
    expect(['认定', '已拆', '拆除', '整改', '办结', '新发现', '不知道', ''].map((value) => guessValue(value, VIOLATION_STATUSES)))
      .toEqual(['认定', '已拆除', '已拆除', '已整改', '销号', '发现', '', '']);
  });
});

describe('applyFieldMapping', () => {
  it('sets mapped attributes, keeps the mapped field and unrelated fields, and drops aliases mapped elsewhere', () => {
    const properties = { 图斑编号: 'A-1', 状态: '已拆', 当事人: '张三', 备注: '<b>x</b>' };
    const result = applyFieldMapping('violations', properties, {
      code: { from: 'field', field: '图斑编号' },
      status: { from: 'field', field: '状态', values: { 已拆: '已拆除' } },
      ownerName: { from: 'empty' },
      buildingType: { from: 'constant', value: '厂房' },
    });
    expect(result).toEqual({ 图斑编号: 'A-1', code: 'A-1', 状态: '已拆', status: '已拆除', 备注: '<b>x</b>', buildingType: '厂房' });
  });

  it('leaves out a value mapped to the default so the normaliser decides', () => {
    const result = applyFieldMapping('violations', { 状态: '不知道' }, { status: { from: 'field', field: '状态', values: { 不知道: '' } } });
    expect(result).not.toHaveProperty('status');
  });
});

describe('remembered mappings', () => {
  it('reapplies what still fits the new file and guesses the rest', () => {
    const remembered = parseRememberedMapping(JSON.stringify({
      status: { from: 'constant', value: '认定' }, ownerName: { from: 'field', field: '权利人' }, code: { from: 'field', field: '旧编号' }, bad: { from: 'field' },
    }));
    const fields = createFields([{ 权利人: '李四', 编号: 'B-2' }]);
    const mapping = mergeRemembered('violations', fields, remembered);
    expect(mapping['status']).toEqual({ from: 'constant', value: '认定' });
    expect(mapping['ownerName']).toEqual({ from: 'field', field: '权利人' });
    expect(mapping['code']).toEqual({ from: 'field', field: '编号' });
    expect(parseRememberedMapping('{not json')).toBeNull();
    expect(parseRememberedMapping('[1]')).toBeNull();
  });
});

describe('collectSourceFields', () => {
  it('lists distinct values up to the limit and marks overflow', () => {
    const fields = createFields(Array.from({ length: 40 }, (_, index) => ({ 编号: `N${index}`, 状态: index % 2 ? '认定' : '发现' })));
    const code = fields.find((field) => field.name === '编号')!;
    expect(code.distinctValues).toHaveLength(30);
    expect(code.distinctOverflow).toBe(true);
    expect(code.samples).toEqual(['N0', 'N1', 'N2']);
    expect(fields.find((field) => field.name === '状态')!.distinctValues).toEqual(['发现', '认定']);
  });
});
