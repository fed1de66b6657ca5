/**
 * The history of one violation through 发现 → 认定 → 处置中 → 已拆除 / 已整改 → 销号, as day
 * numbers drawn forward from the day it was found, cut off at the "as of" date. Historical
 * violations (存量) are mostly found in the winter 排查 and take months; new ones (新增) are
 * demolished within days (露头就打). Some demolitions are pulled into 集中拆违周 drives.
 */
import type { DisposalClass, ViolationOrigin } from '../domain/records';
import type { StatusDates, ViolationStatus } from '../domain/violation-status';
import { AS_OF_DAY, dayOf, isoDate, YEAR_START_DAY } from './calendar';
import type { Random } from './random';

/** Fridays ending the county's 集中拆违周 drives. */
const DRIVE_WEEK_ENDS = ['2026-03-13', '2026-04-24', '2026-06-19', '2026-08-14', '2026-09-25', '2026-10-30'].map(dayOf);

export interface LifecycleInput {
  origin: ViolationOrigin;
  disposalClass: DisposalClass | null;
  /** Township pace: < 1 is faster than the county, > 1 slower. */
  pace: number;
}

export interface Lifecycle {
  status: ViolationStatus;
  statusDates: StatusDates;
}

function foundDay(random: Random, origin: ViolationOrigin): number {
  if (origin === '新增') return random.integer(YEAR_START_DAY + 5, AS_OF_DAY - 2);
  const roll = random.next();
  if (roll < 0.5) return random.integer(0, 75);
  if (roll < 0.85) return random.integer(76, 230);
  return random.integer(231, AS_OF_DAY - 10);
}

function pullIntoDrive(random: Random, day: number, earliest: number): number {
  const drive = DRIVE_WEEK_ENDS.find((end) => day >= end - 28 && day <= end + 7);
  if (drive === undefined || !random.chance(0.55)) return day;
  return Math.max(earliest, drive - random.integer(0, 6));
}

export function violationLifecycle(random: Random, input: LifecycleInput): Lifecycle {
  const { origin, disposalClass, pace } = input;
  const fresh = origin === '新增';
  const demolish = fresh || disposalClass === '拆除' || disposalClass === null;
  const found = foundDay(random, origin);
  const identified = found + (fresh ? random.integer(0, 3) : Math.round(random.integer(3, 20) * pace));
  const disposing = identified + (fresh ? random.integer(0, 3) : Math.round(random.integer(3, 25) * pace));
  const median = fresh ? 6 : (demolish ? 50 : 90) * pace;
  let done = disposing + Math.max(1, Math.round(median * Math.exp((fresh ? 0.5 : 0.75) * random.normal())));
  if (demolish) done = pullIntoDrive(random, done, disposing + 1);
  const closed = done + random.integer(15, 120);
  const stalled = !fresh && random.chance(0.06) ? random.pick(['认定', '处置中'] as const) : null;
  const steps: [ViolationStatus, number][] = [
    ['发现', found],
    ['认定', identified],
    ['处置中', disposing],
    [demolish ? '已拆除' : '已整改', done],
    ['销号', closed],
  ];
  const statusDates: StatusDates = {};
  let status: ViolationStatus = '发现';
  for (const [step, day] of steps) {
    if (day > AS_OF_DAY) break;
    statusDates[step] = isoDate(day);
    status = step;
    if (step === stalled) break;
  }
  return { status, statusDates };
}
