import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_SAMPLE_COUNTY_OPTIONS, generateCounty } from './sample-county';

const read = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');

describe('the committed sample data', () => {
  test('data/ holds exactly what generateCounty gives for the default options (npm run generate-sample)', () => {
    const county = generateCounty(DEFAULT_SAMPLE_COUNTY_OPTIONS);
    const records = read('sample-county.json');
    expect(records === JSON.stringify(county.records), 'data/sample-county.json is stale: run npm run generate-sample').toBe(true);
    expect(read('base-map.json') === JSON.stringify(county.baseMap), 'data/base-map.json is stale: run npm run generate-sample').toBe(true);
    expect(Buffer.byteLength(records)).toBeLessThanOrEqual(4 * 1024 * 1024);
    // Generating the 5,000-violation county (with its land-use plans) takes ~2.5 s alone, more beside other test files.
  }, 30_000);
});
