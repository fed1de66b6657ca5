/**
 * What every format reader returns: one or more layers of candidate features in their source
 * coordinates, the coordinate system the file declares (if any), the text encoding used and
 * warnings for the import report; plus the guard that keeps prototype-reaching attribute names
 * (`__proto__`, `constructor`, `prototype`) out of the properties.
 */
import type { Feature } from 'geojson';
import type { CoordinateSystem } from '../domain/coordinate-system';
import { UNSAFE_KEYS } from './geojson-reader';

export interface ImportedLayer {
  name: string;
  features: Feature[];
  /** Per feature index: unsafe attribute names that were dropped. */
  strippedKeys: Map<number, string[]>;
  coordinateSystem: CoordinateSystem | null;
  /** Text encoding shown in the report, e.g. `UTF-8` or `GBK/GB18030（$DWGCODEPAGE）`. */
  encoding: string | null;
  warnings: string[];
}

export type ImportedLayersResult = { ok: true; layers: ImportedLayer[] } | { ok: false; error: string };

/** Builds a properties object from name/value pairs, dropping unsafe names into `stripped`. */
export function safeProperties(entries: Iterable<readonly [string, unknown]>, stripped: string[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (UNSAFE_KEYS.has(key)) stripped.push(key);
    else Object.defineProperty(properties, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return properties;
}

export const WGS84_DEGREES: CoordinateSystem = { kind: 'geographic', name: 'WGS84 经纬度' };
