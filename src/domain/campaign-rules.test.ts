import { describe, expect, test } from 'vitest';
import { isMaskedIdNumber, maskIdNumber } from './blacklist';
import { isDangerAlarm, rectificationProgress, type DangerousBuildingProperties } from './dangerous-buildings';
import { cellPatrolStatuses, cellsNotPatrolledThisWeek, type PatrolReport } from './grid-patrols';
import { addDays, isoWeekOf, weeksEndingWith } from './iso-week';
import { newViolationTrend, weeklyNewViolationCounts } from './new-violation-weeks';
import { isSettledForNoViolation, townshipNoViolationStandings, villageNoViolationStandings } from './no-violation';
import { completeMilestone, milestoneState, projectTimelines, type ProjectMilestone } from './project-milestones';
import type { DisposalClass, ViolationOrigin } from './records';
import type { StatusDates, ViolationStatus } from './violation-status';

function violation(options: { status: ViolationStatus; disposalClass?: DisposalClass | null; villageId?: string; area?: number; origin?: ViolationOrigin; found?: string }) {
  const statusDates: StatusDates = options.found ? { 发现: options.found } : {};
  return {
    properties: {
      status: options.status, disposalClass: options.disposalClass ?? null, villageId: options.villageId ?? 'v1', townshipId: 't1',
      areaSquareMeters: options.area ?? 100, origin: options.origin ?? '存量', statusDates,
    },
  };
}

describe('iso weeks', () => {
  test('run Monday to Sunday, across month and year ends', () => {
    expect(isoWeekOf('2026-11-20')).toEqual({ monday: '2026-11-16', sunday: '2026-11-22' });
    expect(isoWeekOf('2026-11-16')).toEqual({ monday: '2026-11-16', sunday: '2026-11-22' });
    expect(isoWeekOf('2026-11-22')).toEqual({ monday: '2026-11-16', sunday: '2026-11-22' });
    expect(isoWeekOf('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(weeksEndingWith('2026-11-20', 3).map((week) => week.monday)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
  });
});

describe('无违建 qualification', () => {
  test('disposed statuses settle any violation; 完善手续 / 保留临时使用 settle once decided (认定 or later); 拆除 / 没收 / 新增 only when done', () => {
    expect(isSettledForNoViolation({ status: '已拆除', disposalClass: '拆除' })).toBe(true);
    expect(isSettledForNoViolation({ status: '销号', disposalClass: null })).toBe(true);
    expect(isSettledForNoViolation({ status: '已整改', disposalClass: '没收' })).toBe(true);
    expect(isSettledForNoViolation({ status: '认定', disposalClass: '完善手续' })).toBe(true);
    expect(isSettledForNoViolation({ status: '处置中', disposalClass: '保留临时使用' })).toBe(true);
    expect(isSettledForNoViolation({ status: '发现', disposalClass: '完善手续' })).toBe(false);
    expect(isSettledForNoViolation({ status: '处置中', disposalClass: '拆除' })).toBe(false);
    expect(isSettledForNoViolation({ status: '认定', disposalClass: '没收' })).toBe(false);
    expect(isSettledForNoViolation({ status: '处置中', disposalClass: null })).toBe(false);
  });

  test('a village qualifies when all its violations are settled; the others show the remaining count and area', () => {
    const violations = [
      violation({ status: '已拆除', villageId: 'a' }),
      violation({ status: '认定', disposalClass: '完善手续', villageId: 'a' }),
      violation({ status: '处置中', disposalClass: '拆除', villageId: 'b', area: 120.5 }),
      violation({ status: '发现', villageId: 'b', area: 30 }),
      violation({ status: '销号', villageId: 'b' }),
      violation({ status: '发现', villageId: 'elsewhere' }),
    ];
    const [a, b, c] = villageNoViolationStandings(['a', 'b', 'c'], violations);
    expect(a).toMatchObject({ qualified: true, violationCount: 2, remainingCount: 0, remainingAreaSquareMeters: 0 });
    expect(b).toMatchObject({ qualified: false, violationCount: 3, settledCount: 1, remainingCount: 2, remainingAreaSquareMeters: 150.5 });
    expect(c).toMatchObject({ qualified: true, violationCount: 0 });
    expect(townshipNoViolationStandings(['t1'], violations)[0]).toMatchObject({ qualified: false, remainingCount: 3 });
  });
});

describe('weekly 新增 count', () => {
  test('counts 新增 by the week they were found, up to today, ignoring 存量 and later finds', () => {
    const violations = [
      violation({ status: '已拆除', origin: '新增', found: '2026-11-02' }),
      violation({ status: '已拆除', origin: '新增', found: '2026-11-08' }),
      violation({ status: '已拆除', origin: '新增', found: '2026-11-09' }),
      violation({ status: '发现', origin: '新增', found: '2026-11-18' }),
      violation({ status: '发现', origin: '新增', found: '2026-11-21' }),
      violation({ status: '发现', origin: '存量', found: '2026-11-17' }),
      violation({ status: '发现', origin: '新增', found: '2026-10-20' }),
    ];
    const weeks = weeklyNewViolationCounts(violations, '2026-11-20', 3);
    expect(weeks.map((week) => [week.monday, week.count])).toEqual([['2026-11-02', 2], ['2026-11-09', 1], ['2026-11-16', 1]]);
    expect(newViolationTrend(weeks)).toEqual({ thisWeek: 1, lastWeek: 1, zeroWeeks: 0, falling: true });
  });

  test('zero growth: consecutive full weeks without 新增', () => {
    const weeks = [3, 0, 0, 1].map((count, index) => ({ monday: `w${index}`, sunday: '', count }));
    expect(newViolationTrend(weeks)).toMatchObject({ thisWeek: 1, lastWeek: 0, zeroWeeks: 2, falling: true });
    expect(newViolationTrend([{ monday: '', sunday: '', count: 0 }, { monday: '', sunday: '', count: 4 }, { monday: '', sunday: '', count: 0 }])).toMatchObject({ lastWeek: 4, falling: false });
  });
});

describe('project milestones', () => {
  const milestone = (plannedOn: string, actualOn: string | null) => ({ plannedOn, actualOn });
  test('done, done late, overdue, due this week, upcoming — relative to today (a Friday)', () => {
    const today = '2026-11-20';
    expect(milestoneState(milestone('2026-11-10', '2026-11-09'), today)).toBe('done');
    expect(milestoneState(milestone('2026-11-10', '2026-11-10'), today)).toBe('done');
    expect(milestoneState(milestone('2026-11-10', '2026-11-12'), today)).toBe('doneLate');
    expect(milestoneState(milestone('2026-11-19', null), today)).toBe('overdue');
    expect(milestoneState(milestone('2026-11-20', null), today)).toBe('dueThisWeek');
    expect(milestoneState(milestone('2026-11-22', null), today)).toBe('dueThisWeek');
    expect(milestoneState(milestone('2026-11-23', null), today)).toBe('upcoming');
    expect(milestoneState(milestone('2026-11-10', '2026-11-25'), today)).toBe('overdue');
  });

  function step(sequence: number, plannedOn: string, actualOn: string | null): ProjectMilestone {
    return { id: `p-${sequence}`, projectId: 'p', projectName: '江口村城中村改造项目', townshipId: 't', villageBlockId: null, kind: sequence === 0 ? '征收方案公布' : '社会稳定风险评估', sequence, plannedOn, actualOn };
  }

  test('timelines group by project in step order and count states', () => {
    const [timeline] = projectTimelines([step(1, '2026-11-01', null), step(0, '2026-10-01', '2026-10-03')], '2026-11-20');
    expect(timeline?.milestones.map((entry) => entry.state)).toEqual(['doneLate', 'overdue']);
    expect(timeline).toMatchObject({ doneCount: 1, overdueCount: 1, dueThisWeekCount: 0 });
  });

  test('completing a milestone needs the previous step done, a date not in the future nor before the previous step', () => {
    const first = step(0, '2026-10-01', null);
    const second = step(1, '2026-11-01', null);
    expect(completeMilestone(second, [first, second], '2026-11-20', '2026-11-20')).toMatchObject({ ok: false, error: expect.stringContaining('上一节点「征收方案公布」尚未完成') });
    expect(completeMilestone(first, [first, second], '2026-11-21', '2026-11-20')).toMatchObject({ ok: false, error: expect.stringContaining('晚于今天') });
    const done = { ...first, actualOn: '2026-10-05' };
    expect(completeMilestone(second, [done, second], '2026-10-01', '2026-11-20')).toMatchObject({ ok: false });
    expect(completeMilestone(second, [done, second], '2026-11-18', '2026-11-20')).toEqual({ ok: true, value: { ...second, actualOn: '2026-11-18' } });
    expect(completeMilestone(done, [done, second], '2026-11-18', '2026-11-20')).toMatchObject({ ok: false });
  });
});

describe('grid patrols', () => {
  const report = (cellId: string, at: string): PatrolReport => ({ id: `${cellId}-${at}`, cellId, patroller: '张建华', at, findings: '未发现新增违建', photo: null, createdViolationIds: [] });
  test('a cell is patrolled this week when it has a report from Monday up to today', () => {
    const cells = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const reports = [report('a', '2026-11-16T09:00'), report('b', '2026-11-15T17:00'), report('c', '2026-11-21T09:00')];
    expect(cellsNotPatrolledThisWeek(cells, reports, '2026-11-20')).toEqual(['b', 'c']);
    const statuses = cellPatrolStatuses(cells, reports, '2026-11-20');
    expect(statuses.get('b')).toEqual({ patrolledThisWeek: false, lastPatrolOn: '2026-11-15', reportsThisWeek: 0 });
    expect(statuses.get('c')?.lastPatrolOn).toBeNull();
  });
});

describe('危旧房 and 黑名单', () => {
  const building = (grade: DangerousBuildingProperties['grade'], vacated: boolean, rectifiedOn: string | null): { properties: DangerousBuildingProperties } => ({
    properties: { address: '', townshipId: 't', villageId: 'v', grade, inspectedOn: '2026-01-01', households: 2, vacated, rectifiedOn },
  });
  test('D级 not vacated is an alarm; rectification counts C/D against the target share', () => {
    expect(isDangerAlarm({ grade: 'D', vacated: false })).toBe(true);
    expect(isDangerAlarm({ grade: 'D', vacated: true })).toBe(false);
    expect(isDangerAlarm({ grade: 'C', vacated: false })).toBe(false);
    const progress = rectificationProgress([
      building('A', false, null), building('C', false, '2026-05-01'), building('C', false, null), building('D', true, '2026-12-01'), building('D', false, null),
    ], '2026-11-20', 0.65);
    expect(progress).toEqual({ dueCount: 4, rectifiedCount: 1, share: 0.25, targetShare: 0.65, shortfall: 2, alarmCount: 1 });
  });
  test('identity numbers are masked but for the first six and last four characters', () => {
    expect(maskIdNumber('330327198001011234')).toBe('330327********1234');
    expect(isMaskedIdNumber('330327********1234')).toBe(true);
    expect(isMaskedIdNumber('330327198001011234')).toBe(false);
  });
});
