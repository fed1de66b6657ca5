/**
 * 新增违建零增长: new violations (origin 新增) found per ISO week, by the date they entered 发现.
 * The campaign wants the weekly count to fall to zero and stay there.
 */
import { isInWeek, weeksEndingWith, type IsoWeek } from './iso-week';
import type { ViolationProperties } from './records';

export interface WeeklyNewCount extends IsoWeek {
  count: number;
}

/** The 新增 count of each of the `weekCount` weeks ending with the week of `today`, oldest first. */
export function weeklyNewViolationCounts(violations: readonly { properties: Pick<ViolationProperties, 'origin' | 'statusDates'> }[], today: string, weekCount: number): WeeklyNewCount[] {
  const weeks = weeksEndingWith(today, weekCount).map((week) => ({ ...week, count: 0 }));
  const first = weeks[0];
  if (!first) return weeks;
  for (const { properties } of violations) {
    const found = properties.statusDates['发现'];
    if (properties.origin !== '新增' || found === undefined || found < first.monday || found > today) continue;
    const week = weeks.find((candidate) => isInWeek(found, candidate));
    if (week) week.count++;
  }
  return weeks;
}

export interface NewViolationTrend {
  thisWeek: number;
  lastWeek: number;
  /** Consecutive weeks with no 新增, counted back from the last full week. */
  zeroWeeks: number;
  /** Whether the counts fell or stayed level: the last full week is not above the average of the weeks before it. */
  falling: boolean;
}

/** Summary of weekly counts (oldest first; the last entry is the current, partial week). */
export function newViolationTrend(weeks: readonly WeeklyNewCount[]): NewViolationTrend {
  const thisWeek = weeks.at(-1)?.count ?? 0;
  const full = weeks.slice(0, -1);
  const lastWeek = full.at(-1)?.count ?? 0;
  let zeroWeeks = 0;
  for (let index = full.length - 1; index >= 0 && full[index]?.count === 0; index--) zeroWeeks++;
  const before = full.slice(0, -1);
  const average = before.length === 0 ? lastWeek : before.reduce((sum, week) => sum + week.count, 0) / before.length;
  return { thisWeek, lastWeek, zeroWeeks, falling: lastWeek <= average };
}
