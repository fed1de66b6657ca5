/**
 * The tour interval setting of this browser (localStorage; a wall PC keeps its own). Reading
 * never writes; an unreadable or out-of-range value falls back to the default.
 */
export const TOUR_INTERVAL_STORAGE_KEY = 'chaizheng-onemap.wall.tourIntervalSeconds';
export const DEFAULT_TOUR_INTERVAL_SECONDS = 10;
export const MINIMUM_TOUR_INTERVAL_SECONDS = 3;
export const MAXIMUM_TOUR_INTERVAL_SECONDS = 600;

/** The interval clamped to the allowed range, or null when `value` is not a number. */
export function parseTourInterval(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return null;
  return Math.min(MAXIMUM_TOUR_INTERVAL_SECONDS, Math.max(MINIMUM_TOUR_INTERVAL_SECONDS, Math.round(number)));
}

export function readTourInterval(storage: Pick<Storage, 'getItem'> | null): number {
  try {
    return parseTourInterval(storage?.getItem(TOUR_INTERVAL_STORAGE_KEY) ?? null) ?? DEFAULT_TOUR_INTERVAL_SECONDS;
  } catch {
    // Storage can be disabled (privacy settings); the default is the honest answer then.
    return DEFAULT_TOUR_INTERVAL_SECONDS;
  }
}

/** Saves the interval; returns false when the browser refuses (the setting then lasts for this page only). */
export function writeTourInterval(storage: Pick<Storage, 'setItem'> | null, seconds: number): boolean {
  try {
    storage?.setItem(TOUR_INTERVAL_STORAGE_KEY, String(seconds));
    return storage !== null;
  } catch {
    return false;
  }
}

/** localStorage when the browser allows it. */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
