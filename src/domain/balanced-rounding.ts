/**
 * 强制调平: rounds a column of figures so the rounded rows add up exactly to the rounded total
 * (largest-remainder method, Hamilton 1792). Rows are moved by at most one unit of the last digit,
 * and the ones closest to rounding the other way move first.
 */

/** Rounds `values` to `decimals` places so that their sum equals the rounded sum of the inputs. */
export function balancedRound(values: readonly number[], decimals = 0): number[] {
  if (values.length === 0) return [];
  if (!values.every(Number.isFinite)) throw new RangeError('balancedRound: values must be finite');
  const scale = 10 ** decimals;
  const scaled = values.map((value) => value * scale);
  const targetTotal = Math.round(scaled.reduce((sum, value) => sum + value, 0));
  const floors = scaled.map(Math.floor);
  let shortfall = targetTotal - floors.reduce((sum, value) => sum + value, 0);
  // Hand out the missing units to the largest remainders (ties: earlier rows first, stable).
  const order = scaled
    .map((value, index) => ({ index, remainder: value - (floors[index] as number) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const result = [...floors];
  for (const { index } of order) {
    if (shortfall <= 0) break;
    result[index] = (result[index] as number) + 1;
    shortfall -= 1;
  }
  return result.map((value) => value / scale);
}
