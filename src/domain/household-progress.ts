/**
 * 城中村 征/签/腾/拆 figures summed over blocks (a township's, a zone's) and their rates: 签约率 and
 * 腾空率 are 0…1 of the households, or null when there are none.
 */
import type { VillageBlockProperties } from './records';

export interface HouseholdProgress {
  households: number;
  /** 征 */
  expropriatedHouseholds: number;
  /** 签 */
  signedHouseholds: number;
  /** 腾 */
  vacatedHouseholds: number;
  /** 拆 (拆除数) */
  demolishedHouseholds: number;
  /** 签约率 = signed / households. */
  signingRate: number | null;
  /** 腾空率 = vacated / households. */
  vacatingRate: number | null;
}

/** A part of a whole, or null when the whole is 0. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function emptyHouseholdProgress(): HouseholdProgress {
  return { households: 0, expropriatedHouseholds: 0, signedHouseholds: 0, vacatedHouseholds: 0, demolishedHouseholds: 0, signingRate: null, vacatingRate: null };
}

/** Adds one block's household counts (the rates are filled by {@link fillHouseholdRates}). */
export function addBlockHouseholds(target: HouseholdProgress, block: VillageBlockProperties): void {
  target.households += block.households;
  target.expropriatedHouseholds += block.expropriatedHouseholds;
  target.signedHouseholds += block.signedHouseholds;
  target.vacatedHouseholds += block.vacatedHouseholds;
  target.demolishedHouseholds += block.demolishedHouseholds;
}

/** Sets 签约率 and 腾空率 from the summed counts. */
export function fillHouseholdRates(target: HouseholdProgress): void {
  target.signingRate = rate(target.signedHouseholds, target.households);
  target.vacatingRate = rate(target.vacatedHouseholds, target.households);
}
