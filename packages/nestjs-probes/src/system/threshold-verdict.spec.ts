import { degraded, down } from '../results/health-status';
import { thresholdVerdict } from './threshold-verdict';

describe('thresholdVerdict', () => {
  const details = { free: 5, total: 100 };
  const reading = (down?: { free?: number }, degraded?: { free?: number }) => ({
    details,
    figures: { free: details.free },
    direction: 'below' as const,
    down,
    degraded,
    reason: (field: string, figure: number, limit: number) => `${field} ${figure} < ${limit}`,
  });

  it('is the details alone while no threshold is crossed', () => {
    expect(thresholdVerdict(reading({ free: 5 }, { free: 5 }))).toBe(details);
    expect(thresholdVerdict(reading())).toBe(details);
  });

  it('is down when the down threshold is crossed, even if degraded is too', () => {
    const verdict = thresholdVerdict(reading({ free: 6 }, { free: 10 }));
    expect(verdict).toEqual(down('free 5 < 6', details));
    expect((verdict as { details: object }).details).not.toBe(details);
  });

  it('is degraded when only the degraded threshold is crossed', () => {
    expect(thresholdVerdict(reading({ free: 1 }, { free: 10 }))).toEqual(
      degraded('free 5 < 10', details),
    );
  });
});
