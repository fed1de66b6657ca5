/**
 * ISO weeks (Monday to Sunday) of ISO dates (YYYY-MM-DD), computed in UTC so that the answer does
 * not depend on the machine's time zone. 周 in 周通报, 以周保月 and 本周未巡查 all mean this week.
 */
const DAY_MILLISECONDS = 86_400_000;

function utcDay(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Math.round(Date.UTC(year as number, (month as number) - 1, day as number) / DAY_MILLISECONDS);
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MILLISECONDS).toISOString().slice(0, 10);
}

/** `isoDate` moved by `days` (negative = earlier). */
export function addDays(isoDate: string, days: number): string {
  return isoOfDay(utcDay(isoDate) + days);
}

export interface IsoWeek {
  /** Monday of the week. */
  monday: string;
  /** Sunday of the week. */
  sunday: string;
}

/** The Monday-to-Sunday week that contains `isoDate`. */
export function isoWeekOf(isoDate: string): IsoWeek {
  const day = utcDay(isoDate);
  // 1970-01-01 (day 0) was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const monday = day - (((day + 3) % 7) + 7) % 7;
  return { monday: isoOfDay(monday), sunday: isoOfDay(monday + 6) };
}

/** Whether `isoDate` (or the date part of an ISO date-time) lies in `week`. */
export function isInWeek(isoDate: string, week: IsoWeek): boolean {
  const date = isoDate.slice(0, 10);
  return date >= week.monday && date <= week.sunday;
}

/** The `count` weeks ending with the week of `isoDate`, oldest first. */
export function weeksEndingWith(isoDate: string, count: number): IsoWeek[] {
  const last = isoWeekOf(isoDate);
  return Array.from({ length: count }, (_, index) => isoWeekOf(addDays(last.monday, -7 * (count - 1 - index))));
}
