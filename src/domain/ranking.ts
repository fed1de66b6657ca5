/**
 * 动态排名 and 周通报: townships ranked by completion rate (demolished area / annual target), the
 * change against the previous week, and the 红黄榜 — 红榜 (praised): the top three among those on
 * schedule; 黄榜 (warned): every township behind the milestone already due.
 */
import type { Snapshot, Target } from './records';
import type { TownshipStatistics } from './township-statistics';

export const RED_BOARD_SIZE = 3;

export interface RankingEntry {
  townshipId: string;
  name: string;
  rank: number;
  completionRate: number;
  /** Rank at the latest weekly snapshot; null when there is none. */
  previousRank: number | null;
  /** Positive: rose by that many places. */
  rankChange: number | null;
  board: 'red' | 'yellow' | null;
}

/** Ranks 1…n by descending rate; equal rates share the better rank (competition ranking). */
export function rankByRate(rates: ReadonlyMap<string, number>): Map<string, number> {
  const ordered = [...rates.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const ranks = new Map<string, number>();
  ordered.forEach(([id, value], index) => {
    const previous = ordered[index - 1];
    ranks.set(id, previous && previous[1] === value ? (ranks.get(previous[0]) as number) : index + 1);
  });
  return ranks;
}

/** Completion rate of each township at the end of `weekEnding`, from the snapshots and targets. */
export function snapshotRates(snapshots: readonly Snapshot[], targets: readonly Target[], weekEnding: string): Map<string, number> {
  const year = Number(weekEnding.slice(0, 4));
  const rates = new Map<string, number>();
  for (const snapshot of snapshots) {
    if (snapshot.weekEnding !== weekEnding) continue;
    const target = targets.find((entry) => entry.townshipId === snapshot.townshipId && entry.year === year);
    if (target && target.demolitionSquareMeters > 0) rates.set(snapshot.townshipId, snapshot.demolishedSquareMeters / target.demolitionSquareMeters);
  }
  return rates;
}

/** The week-ending dates of the snapshots, oldest first. */
export function snapshotWeeks(snapshots: readonly Snapshot[]): string[] {
  return [...new Set(snapshots.map((snapshot) => snapshot.weekEnding))].sort();
}

function boardsFor(entries: Omit<RankingEntry, 'board'>[], behind: ReadonlySet<string>): RankingEntry[] {
  const onSchedule = entries.filter((entry) => !behind.has(entry.townshipId)).slice(0, RED_BOARD_SIZE).map((entry) => entry.townshipId);
  return entries.map((entry) => ({
    ...entry,
    board: behind.has(entry.townshipId) ? 'yellow' : onSchedule.includes(entry.townshipId) ? 'red' : null,
  }));
}

/** The live ranking, compared with the ranking at the latest snapshot week. */
export function rankTownships(statistics: readonly TownshipStatistics[], snapshots: readonly Snapshot[], targets: readonly Target[]): RankingEntry[] {
  const rates = new Map(statistics.filter((stats) => stats.completionRate !== null).map((stats) => [stats.townshipId, stats.completionRate as number]));
  const ranks = rankByRate(rates);
  const latestWeek = snapshotWeeks(snapshots).at(-1);
  const previousRanks = latestWeek ? rankByRate(snapshotRates(snapshots, targets, latestWeek)) : new Map<string, number>();
  const entries = statistics
    .filter((stats) => ranks.has(stats.townshipId))
    .map((stats) => {
      const rank = ranks.get(stats.townshipId) as number;
      const previousRank = previousRanks.get(stats.townshipId) ?? null;
      return { townshipId: stats.townshipId, name: stats.name, rank, completionRate: stats.completionRate as number, previousRank, rankChange: previousRank === null ? null : previousRank - rank };
    })
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return boardsFor(entries, new Set(statistics.filter((stats) => stats.behindMilestone).map((stats) => stats.townshipId)));
}

export interface BulletinEntry {
  townshipId: string;
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  /** Demolished during the week (m²). */
  weekDemolishedSquareMeters: number;
  completionRate: number;
}

/** 周通报 of the latest snapshot week: ranks then and a week before, and what each demolished that week. */
export function weeklyBulletin(snapshots: readonly Snapshot[], targets: readonly Target[]): { weekEnding: string | null; entries: BulletinEntry[] } {
  const weeks = snapshotWeeks(snapshots);
  const week = weeks.at(-1);
  if (!week) return { weekEnding: null, entries: [] };
  const previousWeek = weeks.at(-2);
  const rates = snapshotRates(snapshots, targets, week);
  const ranks = rankByRate(rates);
  const previousRanks = previousWeek ? rankByRate(snapshotRates(snapshots, targets, previousWeek)) : new Map<string, number>();
  const demolishedAt = (townshipId: string, weekEnding: string | undefined) =>
    snapshots.find((snapshot) => snapshot.townshipId === townshipId && snapshot.weekEnding === weekEnding)?.demolishedSquareMeters ?? 0;
  const entries = [...ranks.entries()].map(([townshipId, rank]) => {
    const previousRank = previousRanks.get(townshipId) ?? null;
    return {
      townshipId, rank, previousRank, rankChange: previousRank === null ? null : previousRank - rank,
      weekDemolishedSquareMeters: demolishedAt(townshipId, week) - demolishedAt(townshipId, previousWeek),
      completionRate: rates.get(townshipId) as number,
    };
  });
  return { weekEnding: week, entries: entries.sort((a, b) => a.rank - b.rank) };
}
