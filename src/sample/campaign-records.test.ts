import { area, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { isMaskedIdNumber } from '../domain/blacklist';
import { isDangerAlarm } from '../domain/dangerous-buildings';
import { isoWeekOf } from '../domain/iso-week';
import { milestoneState, PROJECT_MILESTONE_KINDS } from '../domain/project-milestones';
import { AS_OF } from './calendar';
import { DEFAULT_SAMPLE_COUNTY_OPTIONS, generateCounty } from './sample-county';

let county: ReturnType<typeof generateCounty> | undefined;
const records = () => (county ??= generateCounty(DEFAULT_SAMPLE_COUNTY_OPTIONS)).records;

describe('the sample campaign records', () => {
  test('危旧房: ~300 points in their village, a few D级 not vacated, C/D rectified short of 65 %', () => {
    const { dangerousBuildings, villages } = records();
    expect(dangerousBuildings).toHaveLength(300);
    const alarms = dangerousBuildings.filter((building) => isDangerAlarm(building.properties));
    expect(alarms.length).toBeGreaterThanOrEqual(3);
    expect(alarms.length).toBeLessThanOrEqual(10);
    for (const building of dangerousBuildings.slice(0, 60)) {
      const village = villages.find((candidate) => candidate.id === building.properties.villageId);
      expect(village && booleanPointInPolygon(building.geometry.coordinates, village)).toBe(true);
    }
    const due = dangerousBuildings.filter((building) => building.properties.grade === 'C' || building.properties.grade === 'D');
    const share = due.filter((building) => building.properties.rectifiedOn !== null).length / due.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.65);
    // Generating the default county takes a few seconds, more beside other test files.
  }, 30_000);

  test('网格 lie in their township with a 网格员; reports list 新增 violations found in their cell that day', () => {
    const { gridCells, patrolReports, violations, townships } = records();
    expect(gridCells.length).toBeGreaterThan(100);
    for (const cell of gridCells) {
      const township = townships.find((candidate) => candidate.id === cell.properties.townshipId);
      const inside = township ? intersect(featureCollection([cell, township as Feature<Polygon | MultiPolygon>])) : null;
      expect(inside ? area(inside) / area(cell) : 0, cell.id).toBeGreaterThan(0.999);
      expect(cell.properties.responsiblePerson).not.toBe('');
    }
    const week = isoWeekOf(AS_OF);
    const patrolled = new Set(patrolReports.filter((report) => report.at.slice(0, 10) >= week.monday).map((report) => report.cellId));
    expect(patrolled.size).toBeGreaterThan(gridCells.length * 0.5);
    expect(patrolled.size).toBeLessThan(gridCells.length);
    const byId = new Map(violations.map((violation) => [violation.id, violation]));
    const linked = patrolReports.filter((report) => report.createdViolationIds.length > 0);
    expect(linked.length).toBeGreaterThan(10);
    for (const report of linked) {
      for (const id of report.createdViolationIds) {
        const violation = byId.get(id);
        expect(violation?.properties.origin).toBe('新增');
        expect(violation?.properties.statusDates['发现']).toBe(report.at.slice(0, 10));
      }
    }
    expect(patrolReports.every((report) => report.at.slice(0, 10) <= AS_OF)).toBe(true);
  });

  test('黑名单: 20 masked owners, each linked to violations of that owner', () => {
    const { blacklist, violations } = records();
    expect(blacklist).toHaveLength(20);
    const byId = new Map(violations.map((violation) => [violation.id, violation]));
    for (const entry of blacklist) {
      expect(isMaskedIdNumber(entry.idNumberMasked)).toBe(true);
      expect(entry.violationIds.length).toBeGreaterThan(0);
      for (const id of entry.violationIds) expect(byId.get(id)?.properties.ownerName).toBe(entry.ownerName);
    }
  });

  test('project timelines: 8 projects × 10 steps in order, some done late, some overdue, one due in the week of AS_OF', () => {
    const { milestones, villageBlocks } = records();
    const projects = [...new Set(milestones.map((milestone) => milestone.projectId))];
    expect(projects).toHaveLength(8);
    for (const projectId of projects) {
      const steps = milestones.filter((milestone) => milestone.projectId === projectId);
      expect(steps.map((step) => step.kind)).toEqual([...PROJECT_MILESTONE_KINDS]);
      expect(villageBlocks.some((block) => block.id === steps[0]?.villageBlockId)).toBe(true);
      for (let index = 1; index < steps.length; index++) {
        expect((steps[index]?.plannedOn ?? '') >= (steps[index - 1]?.plannedOn ?? '')).toBe(true);
        if (steps[index]?.actualOn) expect(steps[index - 1]?.actualOn).not.toBeNull();
      }
    }
    const states = milestones.map((milestone) => milestoneState(milestone, AS_OF));
    expect(states).toContain('doneLate');
    expect(states).toContain('done');
    expect(states.filter((state) => state === 'overdue').length).toBeGreaterThanOrEqual(2);
    expect(states).toContain('dueThisWeek');
  });
});
