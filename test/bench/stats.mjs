/**
 * How sure a bench figure is. The bench judges medians of paired per-round values; on a
 * small, shared machine those medians move 10–30 % between runs, more than some targets'
 * margins. So each judged median comes with its distribution-free confidence interval,
 * and a target is "decided" only when that interval lies wholly on one side of it.
 */

/** The values that count: numbers, finite, in order. */
const sorted = (values) => values.filter((value) => value != null && Number.isFinite(value)).sort((a, b) => a - b);

export function median(values) {
  const list = sorted(values);
  if (list.length === 0) return null;
  const middle = list.length >> 1;
  return list.length % 2 ? list[middle] : (list[middle - 1] + list[middle]) / 2;
}

/** P(X ≤ k) for X ~ Binomial(n, ½), summed exactly in log space (n up to thousands). */
function binomialAtMost(k, n) {
  let total = 0;
  let logChoose = 0; // log C(n, 0)
  for (let i = 0; i <= k; i += 1) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    total += Math.exp(logChoose - n * Math.LN2);
  }
  return Math.min(1, total);
}

/**
 * The order-statistic confidence interval of the median: with the values sorted, the
 * k-th smallest and k-th largest, k the largest rank whose two tails together stay within
 * 1 − `confidence` (the sign test: each value lies below the true median with probability ½,
 * whatever the distribution). `null` bounds when too few values can give that confidence
 * (fewer than 6 for 95 %): "not decided" rather than a false certainty.
 */
export function medianInterval(values, confidence = 0.95) {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie between 0 and 1, got ${confidence}`);
  const list = sorted(values);
  const n = list.length;
  const tail = (1 - confidence) / 2;
  let k = 0;
  while (k + 1 <= n && binomialAtMost(k, n) <= tail) k += 1;
  // k values lie wholly in each tail: the interval runs from the (k)-th to the (n − k + 1)-th, 1-based.
  if (k === 0) return { median: median(list), low: null, high: null, n, confidence };
  return { median: median(list), low: list[k - 1], high: list[n - k], n, confidence };
}

/**
 * A target "value ≤ limit", judged on a median and its interval: `pass` by the median as
 * before, `decided` when the whole interval is on the same side of the limit (a two-sided
 * 95 % interval used one-sidedly: each call holds with at least 97.5 %). No value at all is
 * a decided miss: no run gave one.
 */
export function judge(interval, limit) {
  const { median: value, low, high } = interval;
  if (value == null) return { pass: false, decided: true };
  const pass = value <= limit;
  const decided = pass ? high != null && high <= limit : low != null && low > limit;
  return { pass, decided };
}
