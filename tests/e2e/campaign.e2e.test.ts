/**
 * End-to-end tests of the campaign records beyond zones and violations: a grid patrol report that
 * creates a 新增 violation (#/patrol), a village reaching 无违建 when its last violation is disposed
 * (#/ledger), and the 挂图作战 timeline's overdue milestones (#/timeline).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { counts, eventually, exportGeoJSON, openApp, REPO_ROOT, useE2eSession } from './harness';

const session = useE2eSession();

/** The browser's local date (this machine), YYYY-MM-DD. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The rule of the ledger note, restated: disposed statuses, or 完善手续 / 保留临时使用 once past 发现. */
function settled(properties: Record<string, unknown>): boolean {
  const status = String(properties['status']);
  if (['已拆除', '已整改', '销号'].includes(status)) return true;
  return ['完善手续', '保留临时使用'].includes(String(properties['disposalClass'])) && status !== '发现';
}

describe('campaign: patrols, 无违建, timelines', () => {
  test('a patrol report on an unpatrolled cell creates a 新增 violation, marks the cell patrolled and raises this week’s 新增 count', async () => {
    const { page } = session();
    await openApp(page, '/patrol');
    const before = await counts(page);
    const dangerous = (await exportGeoJSON(page, 'dangerousBuildings')).features;
    expect(dangerous.length).toBe(before['dangerousBuildings']);
    expect(dangerous.every((feature) => ['A', 'B', 'C', 'D'].includes(String(feature.properties?.['grade'])) && typeof feature.properties?.['vacated'] === 'boolean')).toBe(true);
    const weeks = page.getByTestId('new-violation-weeks');
    const newThisWeek = Number(await weeks.getAttribute('data-this-week'));
    const row = page.locator('[data-testid="patrol-cell-row"][data-patrolled="false"]').first();
    const cellId = (await row.getAttribute('data-cell-id'))!;
    const cell = (await exportGeoJSON(page, 'gridCells')).features.find((feature) => feature.id === cellId) as Feature<Polygon>;
    const [longitude, latitude] = turf.pointOnFeature(cell).geometry.coordinates as [number, number];
    await row.click();
    await page.getByTestId('patrol-findings').fill('发现在建砖混房一处，已责令停工');
    await page.getByTestId('patrol-add-found').click();
    await page.getByTestId('patrol-found-longitude').fill(longitude.toFixed(7));
    await page.getByTestId('patrol-found-latitude').fill(latitude.toFixed(7));
    await page.getByTestId('patrol-found-area').fill('150');
    await page.getByTestId('patrol-found-owner').fill('林某');
    await page.getByTestId('patrol-submit').click();
    await page.getByTestId('patrol-saved').waitFor();
    await expect.poll(() => page.locator(`[data-testid="patrol-cell-row"][data-cell-id="${cellId}"]`).getAttribute('data-patrolled')).toBe('true');
    expect(Number(await weeks.getAttribute('data-this-week'))).toBe(newThisWeek + 1);
    const after = await eventually(async () => {
      const current = await counts(page);
      if (current['patrolReports'] !== before['patrolReports']! + 1) throw new Error('report not stored yet');
      return current;
    });
    expect(after['violations']).toBe(before['violations']! + 1);
    const created = (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.properties?.['ownerName'] === '林某' && String(feature.id).startsWith('v-patrol-'));
    expect(created?.properties).toMatchObject({ origin: '新增', status: '发现', disposalClass: null, townshipId: cell.properties?.['townshipId'] });
    expect(created?.properties?.['statusDates']).toEqual({ 发现: localToday() });
    expect(Number(created?.properties?.['areaSquareMeters'])).toBeCloseTo(150, -1);
    expect(turf.booleanPointInPolygon(turf.centroid(created!), cell)).toBe(true);
  });

  test('a village becomes 无违建 when its last remaining violation is disposed', async () => {
    const { page } = session();
    await openApp(page, '/ledger');
    await page.getByTestId('ledger-tab-noViolation').click();
    const violations = (await exportGeoJSON(page, 'violations')).features;
    const remaining = new Map<string, Feature[]>();
    for (const violation of violations) {
      const villageId = String(violation.properties?.['villageId']);
      if (!settled(violation.properties ?? {})) remaining.set(villageId, [...(remaining.get(villageId) ?? []), violation]);
    }
    const [villageId, open] = [...remaining.entries()].sort((a, b) => a[1].length - b[1].length || (a[0] < b[0] ? -1 : 1))[0]!;
    expect(open.length).toBeLessThanOrEqual(3);
    const summary = page.getByTestId('no-violation-summary');
    const qualifiedBefore = Number(await summary.getAttribute('data-qualified'));
    const row = page.locator(`[data-testid="no-violation-row"][data-row-id="${villageId}"]`);
    expect(await row.getAttribute('data-remaining')).toBe(String(open.length));
    expect(await row.getAttribute('data-qualified')).toBe('false');
    await row.click();
    await page.getByTestId('no-violation-detail').waitFor();
    for (let step = 0; step < 12 && (await row.getAttribute('data-qualified')) === 'false'; step++) {
      const remainingBefore = Number(await row.getAttribute('data-remaining'));
      const statusesBefore = await page.getByTestId('no-violation-detail').innerText();
      await page.getByTestId('no-violation-advance').first().click();
      await expect.poll(async () => `${await row.getAttribute('data-remaining')}|${await page.getByTestId('no-violation-detail').innerText()}`).not.toBe(`${remainingBefore}|${statusesBefore}`);
    }
    expect(await row.getAttribute('data-qualified')).toBe('true');
    expect(await row.getAttribute('data-remaining')).toBe('0');
    expect(Number(await summary.getAttribute('data-qualified'))).toBe(qualifiedBefore + 1);
    const stored = await eventually(async () => {
      const features = (await exportGeoJSON(page, 'violations')).features.filter((feature) => feature.properties?.['villageId'] === villageId);
      if (!features.every((feature) => settled(feature.properties ?? {}))) throw new Error('not stored yet');
      return features;
    });
    expect(stored.length).toBeGreaterThan(0);
  });

  test('the timeline shows the overdue milestones (planned before today, not reached) and records one as done late', async () => {
    const { page } = session();
    await openApp(page, '/timeline');
    const sample = JSON.parse(await readFile(path.join(REPO_ROOT, 'data/sample-county.json'), 'utf8')) as { milestones: { id: string; plannedOn: string; actualOn: string | null; projectId: string; sequence: number }[] };
    const today = localToday();
    const overdue = sample.milestones.filter((milestone) => milestone.actualOn === null && milestone.plannedOn < today);
    expect(overdue.length).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('timeline-overdue-count').getAttribute('data-value'))).toBe(overdue.length);
    const shownOverdue = await page.locator('[data-testid="timeline-milestone"][data-state="overdue"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-milestone-id')));
    expect(shownOverdue.sort()).toEqual(overdue.map((milestone) => milestone.id).sort());
    // The first overdue step of a project is its next open step: record it as done today (late).
    const first = overdue.find((milestone) => !overdue.some((other) => other.projectId === milestone.projectId && other.sequence < milestone.sequence))!;
    const cell = page.locator(`[data-testid="timeline-milestone"][data-milestone-id="${first.id}"]`);
    await cell.getByTestId('timeline-complete').click();
    await expect.poll(() => cell.getAttribute('data-state')).toBe('doneLate');
    expect(Number(await page.getByTestId('timeline-overdue-count').getAttribute('data-value'))).toBe(overdue.length - 1);
  });
});
