/**
 * The architecture, checked from the imports (STYLE.md): imports point downward only,
 * `app → features → map/ui → state → storage/workers/sample → geo/io → domain`, feature folders
 * don't import each other, and the app never points at a remote host (it must run offline).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_ROOT = path.join(REPO_ROOT, 'src');

/** Rank of each top-level folder of src/: a file may import its own folder or a lower rank. */
export const LAYER_RANKS: Readonly<Record<string, number>> = {
  domain: 0,
  geo: 1,
  io: 1,
  sample: 2,
  storage: 2,
  workers: 2,
  state: 3,
  map: 4,
  ui: 4,
  features: 5,
  app: 6,
};

const CODE_FILE = /\.(ts|tsx|mts|cts)$/;
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|jsx|json|css|html|svg)$/;
const TEST_FILE = /\.(test|bench)\.(ts|tsx)$/;
/** A module specifier that resolves to code (or to a path without an extension, which is code). */
const CODE_OR_EXTENSIONLESS = /(\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)|\/[^./]+)$/;

function listFiles(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const fullPath = path.join(directory, entry);
    return statSync(fullPath).isDirectory() ? listFiles(fullPath) : [fullPath];
  });
}

/** Drops comments so that commented-out or documented imports don't count. Strings are kept. */
function stripComments(source: string): string {
  return source.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (match, literal: string | undefined) =>
    literal ?? match.replace(/[^\n]/g, ' '),
  );
}

/** Every module specifier of static imports, re-exports, side-effect imports and `import()`. */
export function importSpecifiers(source: string): string[] {
  const code = stripComments(source);
  const patterns = [
    /\bimport\s+(?:type\s+)?[\w*{}\s,$]+?\s+from\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew\s+URL\s*\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
  ];
  return patterns.flatMap((pattern) => Array.from(code.matchAll(pattern), (match) => match[1] ?? ''));
}

/** The path under src/ an import refers to, or null for a package import. */
export function resolveToSource(importer: string, specifier: string): string | null {
  const withoutQuery = specifier.replace(/[?#].*$/, '');
  if (withoutQuery.startsWith('.')) return path.resolve(path.dirname(importer), withoutQuery);
  const aliased = /^(?:@|~|src)\/(.*)$/.exec(withoutQuery);
  if (aliased) return path.join(SOURCE_ROOT, aliased[1] ?? '');
  if (withoutQuery.startsWith('/')) return path.join(REPO_ROOT, withoutQuery);
  return null;
}

interface Location {
  /** Top-level folder under src/ (`''` for a file directly in src/). */
  layer: string;
  /** For files under src/features/<name>/, the feature name. */
  feature: string | null;
}

function locate(absolutePath: string): Location | null {
  const relative = path.relative(SOURCE_ROOT, absolutePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const parts = relative.split(path.sep);
  if (parts.length === 1) return { layer: '', feature: null };
  const layer = parts[0] ?? '';
  const feature = layer === 'features' && parts.length > 2 ? (parts[1] ?? null) : null;
  return { layer, feature };
}

/** Files directly in src/ (main.tsx, vite-env.d.ts) belong to the shell. */
function rankOf(layer: string): number | undefined {
  return layer === '' ? LAYER_RANKS['app'] : LAYER_RANKS[layer];
}

/** Why `importer` may not import `specifier`, or null when the import is allowed. */
export function importViolation(importer: string, specifier: string): string | null {
  const target = resolveToSource(importer, specifier);
  if (target === null) return null;
  const from = locate(importer);
  const to = locate(target);
  if (from === null) return null;
  if (to === null) {
    // Data and assets outside src/ (data/sample-county.json?url) are not layers; code is.
    return CODE_OR_EXTENSIONLESS.test(target) ? `imports code outside src/: ${specifier}` : null;
  }
  const fromRank = rankOf(from.layer);
  const toRank = rankOf(to.layer);
  if (fromRank === undefined) return `lives in src/${from.layer}/, a folder with no layer rank`;
  if (toRank === undefined) return `imports ${specifier} from src/${to.layer}/, a folder with no layer rank`;
  if (from.feature !== null && to.feature !== null && from.feature !== to.feature) {
    return `feature ${from.feature} imports feature ${to.feature} (${specifier})`;
  }
  if (from.layer === to.layer) return null;
  if (toRank >= fromRank) {
    return `${from.layer || 'src'} (rank ${fromRank}) imports ${to.layer || 'src'} (rank ${toRank}) via ${specifier}`;
  }
  return null;
}

/** URL-shaped identifiers that are never fetched: XML namespaces written into exported files. */
const NAMESPACE_URIS = [
  /^https?:\/\/www\.w3\.org\//,
  /^https?:\/\/www\.opengis\.net\//,
  /^https?:\/\/www\.google\.com\/kml\/ext\//,
  /^https?:\/\/schemas\.openxmlformats\.org\//,
  /^https?:\/\/schemas\.microsoft\.com\/office\//,
  /^https?:\/\/purl\.org\/dc\//,
];

/** http(s) URLs in `source` whose host is not this machine. */
export function remoteUrls(source: string): string[] {
  const urls = Array.from(source.matchAll(/https?:\/\/[^\s'"`)<>]+/g), (match) => match[0]);
  return urls.filter((url) => {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      host = url.replace(/^https?:\/\//, '').split(/[/:?#]/)[0] ?? '';
    }
    if (host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]') return false;
    return !NAMESPACE_URIS.some((pattern) => pattern.test(url));
  });
}

describe('import checker (self-test)', () => {
  const file = (relative: string) => path.join(SOURCE_ROOT, relative);

  test('finds every import form', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import * as c from 'maplibre-gl';",
      "import './styles.css';",
      "export { d } from './d';",
      "export * from '../e';",
      "const f = await import('./f');",
      "const url = new URL('./g.worker.ts', import.meta.url);",
      "import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';",
      "// import { h } from '../h';",
      "/* import { i } from '../i'; */",
      "const text = 'import x from \"./not-code\"';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(
      ['./a', '../b', 'maplibre-gl', './styles.css', './d', '../e', './f', './g.worker.ts', 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url', './not-code'].sort(),
    );
  });

  test('allows downward and same-folder imports and package imports', () => {
    expect(importViolation(file('state/store.ts'), '../domain/records')).toBeNull();
    expect(importViolation(file('state/store.ts'), './commands')).toBeNull();
    expect(importViolation(file('features/planning/panel.tsx'), '../../map/controller')).toBeNull();
    expect(importViolation(file('features/planning/panel.tsx'), './layer-list')).toBeNull();
    expect(importViolation(file('app/main.tsx'), '../features/planning/planning-view')).toBeNull();
    expect(importViolation(file('geo/area.ts'), '@turf/turf')).toBeNull();
    expect(importViolation(file('workers/geo.worker.ts'), '../geo/area?worker')).toBeNull();
    expect(importViolation(file('app/sample-data.ts'), '../../data/sample-county.json?url')).toBeNull();
  });

  test('rejects upward, sideways and cross-feature imports', () => {
    expect(importViolation(file('domain/records.ts'), '../geo/area')).toMatch(/domain \(rank 0\) imports geo/);
    expect(importViolation(file('geo/area.ts'), '../io/geojson')).toMatch(/geo \(rank 1\) imports io \(rank 1\)/);
    expect(importViolation(file('map/controller.ts'), '../ui/button')).toMatch(/rank 4/);
    expect(importViolation(file('state/store.ts'), '@/features/planning/x')).toMatch(/state \(rank 3\) imports features/);
    expect(importViolation(file('features/ledger/table.tsx'), '../planning/panel')).toMatch(/feature ledger imports feature planning/);
    expect(importViolation(file('ui/button.tsx'), '../misc/helpers')).toMatch(/no layer rank/);
    expect(importViolation(file('app/sample-data.ts'), '../../scripts/generate-sample-county')).toMatch(/code outside src/);
    expect(importViolation(file('app/sample-data.ts'), '../../scripts/bench.ts')).toMatch(/code outside src/);
  });

  test('finds remote URLs but not loopback ones or XML namespaces', () => {
    const source = [
      "const glyphs = 'https://demotiles.maplibre.org/font/{fontstack}/{range}.pbf';",
      "const dev = 'http://127.0.0.1:5173/x';",
      "const local = 'http://localhost:4173';",
      "const kml = 'http://www.opengis.net/kml/2.2';",
      '// see http://example.com/paper',
    ].join('\n');
    expect(remoteUrls(source)).toEqual(['https://demotiles.maplibre.org/font/{fontstack}/{range}.pbf', 'http://example.com/paper']);
  });
});

describe('src/ architecture', () => {
  const files = listFiles(SOURCE_ROOT);

  test('imports point downward only and features do not import each other', () => {
    const problems = files
      .filter((file) => CODE_FILE.test(file))
      .flatMap((file) => {
        const source = readFileSync(file, 'utf8');
        const relative = path.relative(REPO_ROOT, file);
        const layer = locate(file)?.layer ?? '';
        const ownProblem = rankOf(layer) === undefined ? [`${relative}: src/${layer}/ has no layer rank`] : [];
        const importProblems = importSpecifiers(source)
          .map((specifier) => importViolation(file, specifier))
          .filter((problem): problem is string => problem !== null)
          .map((problem) => `${relative}: ${problem}`);
        return [...ownProblem, ...importProblems];
      });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('no source file points at a remote host (the app must work offline)', () => {
    const problems = files
      .filter((file) => TEXT_FILE.test(file) && !TEST_FILE.test(file))
      .flatMap((file) => remoteUrls(readFileSync(file, 'utf8')).map((url) => `${path.relative(REPO_ROOT, file)}: ${url}`));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
