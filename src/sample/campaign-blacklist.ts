/**
 * Sample 黑名单: owners of serious violations — new ones (新增, 露头就打) and the largest historical
 * ones — each linked to every violation of the same owner in the same township.
 */
import { maskIdNumber } from '../domain/blacklist';
import type { BlacklistEntry } from '../domain/blacklist';
import type { Violation } from '../domain/records';
import { AS_OF } from './calendar';
import { COUNTY_CODE } from './names';
import type { Random } from './random';

const NEW_REASONS = ['新增违建，责令停工后继续施工', '新增违建，拒不自行拆除', '抢建违建，阻挠执法'];
const HISTORICAL_REASONS = ['历史违建面积大，拒不配合分类处置', '违法占用耕地建房', '违建出租牟利，拒不整改'];

function idNumber(random: Random, company: boolean): string {
  const digits = (length: number) => Array.from({ length }, () => random.integer(0, 9)).join('');
  if (company) return maskIdNumber(`91${COUNTY_CODE}${digits(9)}X`);
  return maskIdNumber(`${COUNTY_CODE}19${random.integer(55, 95)}${String(random.integer(1, 12)).padStart(2, '0')}${String(random.integer(1, 28)).padStart(2, '0')}${digits(4)}`);
}

export function createBlacklist(random: Random, violations: readonly Violation[], count: number): BlacklistEntry[] {
  const byOwner = new Map<string, Violation[]>();
  for (const violation of violations) {
    const { ownerType, ownerName, townshipId } = violation.properties;
    if (ownerType === '村集体') continue;
    const key = `${townshipId} ${ownerName}`;
    const list = byOwner.get(key);
    if (list) list.push(violation);
    else byOwner.set(key, [violation]);
  }
  const total = (list: readonly Violation[]) => list.reduce((sum, violation) => sum + violation.properties.areaSquareMeters, 0);
  const owners = [...byOwner.values()];
  const fresh = random.shuffle(owners.filter((list) => list.some((violation) => violation.properties.origin === '新增'))).slice(0, Math.ceil(count * 0.6));
  const large = owners.filter((list) => !fresh.includes(list)).sort((a, b) => total(b) - total(a)).slice(0, count - fresh.length);
  return [...fresh, ...large].map((list, index) => {
    const first = list[0] as Violation;
    const isNew = list.some((violation) => violation.properties.origin === '新增');
    const latestFound = list.map((violation) => violation.properties.statusDates['发现'] ?? '2025-12-01').sort().at(-1) as string;
    const listedOn = latestFound < '2026-10-01' ? `${latestFound.slice(0, 8)}28` : AS_OF;
    return {
      id: `bl-${String(index + 1).padStart(3, '0')}`,
      ownerName: first.properties.ownerName,
      idNumberMasked: idNumber(random, first.properties.ownerType === '企业'),
      reason: random.pick(isNew ? NEW_REASONS : HISTORICAL_REASONS),
      violationIds: list.map((violation) => violation.id),
      listedOn,
    };
  });
}
