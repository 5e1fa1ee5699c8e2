import { describe, expect, test } from 'vitest';
import { median, pairRatios } from '../../scripts/bench-support.ts';

describe('bench ratios', () => {
  test('the median is the middle value, the upper middle for an even count, NaN for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });

  test('pair by pair, each build is compared with the one run right after it', () => {
    // A machine that slows down over the run: each pair shares its speed, the ratio stays.
    expect(pairRatios([20, 30, 25], [80, 120, 100])).toEqual({ median: 0.25, min: 0.25, max: 0.25 });
    // Three cold builds of ours and AstroPaper's after each: the medians come from different pairs
    // (ours from the first, theirs from the second), the pairs' ratios do not.
    const ours = [28.2, 25.8, 29.1];
    const theirs = [84.9, 89.3, 97.1];
    expect(median(ours) / median(theirs)).toBeCloseTo(0.316, 3);
    const r = pairRatios(ours, theirs);
    expect(r?.median).toBeCloseTo(29.1 / 97.1, 6);
    expect(r?.min).toBeCloseTo(25.8 / 89.3, 6);
    expect(r?.max).toBeCloseTo(28.2 / 84.9, 6);
  });

  test('no ratio for series of different lengths or none', () => {
    expect(pairRatios([1, 2], [1])).toBeUndefined();
    expect(pairRatios([], [])).toBeUndefined();
  });
});
