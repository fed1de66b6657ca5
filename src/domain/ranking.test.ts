import { describe, expect, it } from 'vitest';
import type { Snapshot, Target } from './records';
import { rankByRate, rankTownships, weeklyBulletin } from './ranking';
import type { TownshipStatistics } from './township-statistics';

function createStatistics(townshipId: string, completionRate: number, behindMilestone: boolean): TownshipStatistics {
  return { townshipId, name: townshipId, completionRate, behindMilestone } as TownshipStatistics;
}
function createTarget(townshipId: string): Target {
  return { id: townshipId, townshipId, year: 2026, demolitionSquareMeters: 1000, fourNoUnitsFound: 0, parkFloorSquareMeters: 0 };
}
function createSnapshot(townshipId: string, weekEnding: string, demolishedSquareMeters: number): Snapshot {
  return { id: `${townshipId}${weekEnding}`, townshipId, weekEnding, demolishedSquareMeters, violationsFound: 0, fourNoUnitsRectified: 0, signedHouseholds: 0 };
}

describe('ranking', () => {
  it('gives equal rates the same rank and skips the next', () => {
    expect([...rankByRate(new Map([['a', 0.5], ['b', 0.9], ['c', 0.5], ['d', 0.1]])).entries()].sort()).toEqual([['a', 2], ['b', 1], ['c', 2], ['d', 4]]);
  });

  it('ranks live figures against the latest week and marks the 红黄榜', () => {
    const statistics = ['a', 'b', 'c', 'd', 'e'].map((id, index) => createStatistics(id, 1 - index * 0.1, id === 'd' || id === 'b'));
    const snapshots = ['a', 'b', 'c', 'd', 'e'].map((id, index) => createSnapshot(id, '2026-11-20', 500 + index * 50));
    const ranking = rankTownships(statistics, snapshots, ['a', 'b', 'c', 'd', 'e'].map(createTarget));
    expect(ranking.map((entry) => [entry.townshipId, entry.rank, entry.previousRank, entry.board])).toEqual([
      ['a', 1, 5, 'red'], ['b', 2, 4, 'yellow'], ['c', 3, 3, 'red'], ['d', 4, 2, 'yellow'], ['e', 5, 1, 'red'],
    ]);
    expect(ranking[0]!.rankChange).toBe(4);
  });

  it('reports the latest week of the bulletin with who rose and fell and what each demolished', () => {
    const snapshots = [createSnapshot('a', '2026-11-13', 600), createSnapshot('b', '2026-11-13', 500), createSnapshot('a', '2026-11-20', 620), createSnapshot('b', '2026-11-20', 700)];
    const bulletin = weeklyBulletin(snapshots, [createTarget('a'), createTarget('b')]);
    expect(bulletin.weekEnding).toBe('2026-11-20');
    expect(bulletin.entries.map((entry) => [entry.townshipId, entry.rank, entry.rankChange, entry.weekDemolishedSquareMeters])).toEqual([
      ['b', 1, 1, 200], ['a', 2, -1, 20],
    ]);
    expect(weeklyBulletin([], [])).toEqual({ weekEnding: null, entries: [] });
  });
});
