/**
 * The embedded sample county and base map, served by the app itself (same origin, no network).
 */
import sampleCountyUrl from '../../data/sample-county.json?url';
import baseMapUrl from '../../data/base-map.json?url';
import type { BaseMapData } from '../map/map-controller';
import type { SampleRecords } from '../storage/seed';

export const SAMPLE_NAME = '苍南县样例（虚构）';

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`无法读取内置数据 ${url}：HTTP ${response.status}`);
  return response.json();
}

export async function loadSampleRecords(): Promise<SampleRecords> {
  const data = (await fetchJson(sampleCountyUrl)) as { records?: SampleRecords } & SampleRecords;
  return data.records ?? data;
}

export async function loadBaseMap(): Promise<BaseMapData> {
  return (await fetchJson(baseMapUrl)) as BaseMapData;
}
