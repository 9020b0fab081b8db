import { describe, expect, it } from 'vitest';
import { judge, median, medianInterval } from '../bench/stats.mjs';

describe('bench statistics', () => {
  it('takes the median of the numbers alone', () => {
    expect(median([3, null, 1, undefined, 2, Number.NaN, Infinity])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('gives the order-statistic interval of the median from the sign test', () => {
    // n = 11: the 2nd smallest and 2nd largest (98.8 %: the next pair in would cover only 93.5 %).
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 11];
    expect(medianInterval(values)).toEqual({ median: 6, low: 2, high: 10, n: 11, confidence: 0.95 });
    // n = 15: the 4th from each end (P(X ≤ 3) = 1.8 % per tail).
    const fifteen = Array.from({ length: 15 }, (_, index) => index + 1);
    expect(medianInterval(fifteen)).toMatchObject({ low: 4, high: 12 });
    // n = 40: the 14th from each end (P(X ≤ 13) = 1.9 %, P(X ≤ 14) = 4.0 % per tail).
    const forty = Array.from({ length: 40 }, (_, index) => index + 1);
    expect(medianInterval(forty)).toMatchObject({ low: 14, high: 27 });
  });

  it('gives no interval when too few values can carry 95 %', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).toMatchObject({ median: 3, low: null, high: null });
    expect(medianInterval([1, 2, 3, 4, 5, 6])).toMatchObject({ low: 1, high: 6 });
    expect(medianInterval([null, null])).toMatchObject({ median: null, low: null, high: null, n: 0 });
  });

  it('refuses a confidence outside (0, 1)', () => {
    expect(() => medianInterval([1, 2, 3], 95)).toThrow(/between 0 and 1/);
  });

  it('decides a target only when the whole interval is on one side of it', () => {
    expect(judge({ median: 1.0, low: 0.9, high: 1.05 }, 1.1)).toEqual({ pass: true, decided: true });
    expect(judge({ median: 1.0, low: 0.9, high: 1.2 }, 1.1)).toEqual({ pass: true, decided: false });
    expect(judge({ median: 1.3, low: 1.05, high: 1.5 }, 1.1)).toEqual({ pass: false, decided: false });
    expect(judge({ median: 1.3, low: 1.2, high: 1.5 }, 1.1)).toEqual({ pass: false, decided: true });
    expect(judge({ median: 1.0, low: null, high: null }, 1.1)).toEqual({ pass: true, decided: false });
    // No run gave a value: missed, and no amount of noise explains that.
    expect(judge({ median: null, low: null, high: null }, 1.1)).toEqual({ pass: false, decided: true });
  });
});
