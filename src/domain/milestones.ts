/**
 * Quarterly milestones of an annual target: ≥30 % by end of March, 60 % by June, 80 % by September,
 * 100 % by year end.
 */
export const QUARTER_MILESTONE_SHARES = [0.3, 0.6, 0.8, 1] as const;

/**
 * The share of the annual target due at `isoDate`: the milestone of the quarter the date falls in
 * (the one the township is working towards now).
 */
export function milestoneShareDue(isoDate: string): number {
  const month = Number(isoDate.slice(5, 7));
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`milestoneShareDue: not an ISO date: ${isoDate}`);
  }
  const quarter = Math.floor((month - 1) / 3);
  return QUARTER_MILESTONE_SHARES[quarter] ?? 1;
}
