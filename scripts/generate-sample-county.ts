/**
 * Writes the sample county: records to <out>/sample-county.json, roads and rivers to
 * <out>/base-map.json (compact JSON; same options → byte-identical files), and prints a summary.
 *
 *   npm run generate-sample                                   # data/, the committed sample
 *   npm run generate-sample -- --violations 100000 --zones 500 --out data/bench/
 *   options: --seed <n> --violations <n> --zones <n> --out <dir>
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDemolished } from '../src/domain/violation-status';
import { DEFAULT_SAMPLE_COUNTY_OPTIONS, generateCounty, type SampleCountyOptions } from '../src/sample/sample-county';

export const RECORDS_FILE = 'sample-county.json';
export const BASE_MAP_FILE = 'base-map.json';

function parseArguments(argv: readonly string[]): { options: SampleCountyOptions; outDirectory: string } {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index];
    const value = argv[index + 1];
    if (key === undefined || !key.startsWith('--') || value === undefined) throw new Error(`usage: --seed n --violations n --zones n --out dir (got ${argv.join(' ')})`);
    values.set(key.slice(2), value);
  }
  const known = new Set(['seed', 'violations', 'zones', 'out']);
  for (const key of values.keys()) if (!known.has(key)) throw new Error(`unknown option --${key}`);
  const integer = (key: string, fallback: number) => {
    const text = values.get(key);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${key} must be a non-negative integer, got ${text}`);
    return value;
  };
  return {
    options: {
      seed: integer('seed', DEFAULT_SAMPLE_COUNTY_OPTIONS.seed),
      violationCount: integer('violations', DEFAULT_SAMPLE_COUNTY_OPTIONS.violationCount),
      zoneCount: integer('zones', DEFAULT_SAMPLE_COUNTY_OPTIONS.zoneCount),
    },
    outDirectory: values.get('out') ?? 'data',
  };
}

const wan = (squareMeters: number) => `${(squareMeters / 10000).toFixed(2)} 万m²`;

function main(): void {
  const { options, outDirectory } = parseArguments(process.argv.slice(2));
  const started = performance.now();
  const county = generateCounty(options);
  const generatedMilliseconds = performance.now() - started;
  mkdirSync(outDirectory, { recursive: true });
  const recordsPath = join(outDirectory, RECORDS_FILE);
  const baseMapPath = join(outDirectory, BASE_MAP_FILE);
  writeFileSync(recordsPath, JSON.stringify(county.records));
  writeFileSync(baseMapPath, JSON.stringify(county.baseMap));
  const { records } = county;
  const total = records.violations.reduce((sum, violation) => sum + violation.properties.areaSquareMeters, 0);
  const demolished = records.violations
    .filter(({ properties }) => isDemolished(properties.status, properties.statusDates))
    .reduce((sum, violation) => sum + violation.properties.areaSquareMeters, 0);
  const target = records.targets.reduce((sum, row) => sum + row.demolitionSquareMeters, 0);
  console.log(`sample county: seed ${options.seed}, ${options.violationCount} violations, ${options.zoneCount} zones, generated in ${(generatedMilliseconds / 1000).toFixed(2)} s`);
  for (const [kind, list] of Object.entries(records)) console.log(`  ${kind.padEnd(17)} ${(list as unknown[]).length}`);
  console.log(`  violation area   ${wan(total)} in total, ${wan(demolished)} demolished (target ${wan(target)})`);
  console.log(`  base map         ${county.baseMap.roads.features.length} roads, ${county.baseMap.rivers.features.length} rivers`);
  for (const path of [recordsPath, baseMapPath]) console.log(`  wrote ${path} (${(statSync(path).size / 1e6).toFixed(2)} MB)`);
}

main();
