/**
 * Quarterly milestones of an annual target: ≥30 % by the end of March, 60 % by June, 80 % by
 * September, 100 % by the end of the year ("以周保月、以月保季、以季保年").
 */
export const QUARTER_MILESTONES = [
  { share: 0.3, deadline: '03-31', label: '一季度末' },
  { share: 0.6, deadline: '06-30', label: '二季度末' },
  { share: 0.8, deadline: '09-30', label: '三季度末' },
  { share: 1, deadline: '12-31', label: '年底' },
] as const;

export interface Milestone {
  share: number;
  /** ISO date of the deadline. */
  deadline: string;
  label: string;
}

function checkIsoDate(isoDate: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`not an ISO date: ${isoDate}`);
}

/**
 * The latest milestone whose deadline has passed on `isoDate` (what must already be achieved), or
 * null before the end of March. A deadline day itself counts as not yet passed.
 */
export function milestonePassed(isoDate: string): Milestone | null {
  checkIsoDate(isoDate);
  const year = isoDate.slice(0, 4);
  let passed: Milestone | null = null;
  for (const milestone of QUARTER_MILESTONES) {
    const deadline = `${year}-${milestone.deadline}`;
    if (deadline < isoDate) passed = { share: milestone.share, deadline, label: milestone.label };
  }
  return passed;
}

/** The milestone the township is working towards on `isoDate` (deadline today or later). */
export function milestoneAhead(isoDate: string): Milestone {
  checkIsoDate(isoDate);
  const year = isoDate.slice(0, 4);
  const next = QUARTER_MILESTONES.find((milestone) => `${year}-${milestone.deadline}` >= isoDate) ?? QUARTER_MILESTONES[3];
  return { share: next.share, deadline: `${year}-${next.deadline}`, label: next.label };
}
