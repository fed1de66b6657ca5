/** Axis helpers for the SVG charts: "nice" tick values and a linear mapping. */

/** Tick values from 0 to at least `maximum`, about `count` steps of 1, 2, 2.5 or 5 × 10^n. */
export function niceTicks(maximum: number, count = 4): number[] {
  if (!(maximum > 0) || !Number.isFinite(maximum)) return [0, 1];
  const rough = maximum / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let index = 0; ticks.length === 0 || (ticks.at(-1) as number) < maximum - 1e-9 * step; index++) ticks.push(Number((index * step).toPrecision(12)));
  return ticks;
}

/** A linear map from [domainStart, domainEnd] to [rangeStart, rangeEnd]; a zero-width domain maps to the range start. */
export function linearScale(domainStart: number, domainEnd: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  const span = domainEnd - domainStart;
  if (span === 0) return () => rangeStart;
  return (value) => rangeStart + ((value - domainStart) / span) * (rangeEnd - rangeStart);
}
