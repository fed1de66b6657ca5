/**
 * The campaign calendar as day numbers: day 0 is 2025-12-01 (the campaign start), the data are
 * "as of" 2026-11-20 (a Friday, the last weekly bulletin). Day numbers keep date arithmetic exact.
 */
const DAY_MILLISECONDS = 86_400_000;
const START_UTC = Date.UTC(2025, 11, 1);

export const CAMPAIGN_START = '2025-12-01';
export const AS_OF = '2026-11-20';
export const AS_OF_DAY = dayOf(AS_OF);
/** Day number of 2026-01-01. */
export const YEAR_START_DAY = dayOf('2026-01-01');

export function dayOf(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Math.round((Date.UTC(year as number, (month as number) - 1, day as number) - START_UTC) / DAY_MILLISECONDS);
}

export function isoDate(day: number): string {
  return new Date(START_UTC + Math.round(day) * DAY_MILLISECONDS).toISOString().slice(0, 10);
}

/** The `count` weekly bulletin dates (Fridays), oldest first, ending on AS_OF. */
export function weekEndings(count: number): string[] {
  return Array.from({ length: count }, (_, index) => isoDate(AS_OF_DAY - 7 * (count - 1 - index)));
}
