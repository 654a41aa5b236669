export const round1 = (x) => Math.round(x * 10) / 10;

export const round3 = (x) => Math.round(x * 1000) / 1000;

export const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** `x` with thousands separators and exactly `digits` decimals (en-US). */
export const fmt = (x, digits) =>
  x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
