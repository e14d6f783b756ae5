import { expect } from 'chai';
import { bucketOf, quantileSeconds } from '../../../server/quality/element-stats.ts';

describe('the heatmap\'s time histograms (element-stats)', () => {
  it('reads a percentile from the histogram within 19%', () => {
    for (const seconds of [1.5, 59, 3600, 86_400 * 12.3, 86_400 * 400]) {
      const hist: number[] = [];
      hist[bucketOf(seconds)] = 1;
      const q = quantileSeconds(Array.from(hist, (n) => n ?? 0), 0.9)!;
      expect(Math.abs(q - seconds) / seconds, String(seconds)).to.be.at.most(0.19);
    }
    expect(quantileSeconds([5, 0, 0], 0.9)).to.equal(0);
    expect(quantileSeconds([], 0.9)).to.equal(null);
  });

  it('takes the bucket where 90% of the counts are reached', () => {
    const hist = Array(40).fill(0) as number[];
    hist[bucketOf(60)] = 9;
    hist[bucketOf(86_400)] = 1;
    expect(quantileSeconds(hist, 0.9)! / 60).to.be.within(0.81, 1.19);
    hist[bucketOf(60)] = 8;
    hist[bucketOf(86_400)] = 2;
    expect(quantileSeconds(hist, 0.9)! / 86_400).to.be.within(0.81, 1.19);
  });
});
