import { expect } from 'chai';
import { bucketOf, elementDays, quantileSeconds } from '../../../server/quality/element-stats.ts';

const ev = (type: string, elementId: string, at: string, flow?: string) => ({ type, elementId, at, data: flow ? { flow } : null });

describe('the heatmap figures of one request (element-stats)', () => {
  it('counts entries per element and flow on the Bucharest day they happened', () => {
    // 22:30 UTC on 1 December is already 2 December in Bucharest (UTC+2).
    const days = elementDays([ev('element.entered', 'primita', '2026-12-01T22:30:00Z'), ev('element.completed', 'primita', '2026-12-01T22:30:00Z'), ev('element.entered', 'analiza', '2026-12-01T22:30:00Z', 'f1')]);
    expect([...days.values()].map((d) => [d.day, d.elementId, d.passes])).to.deep.equal([['2026-12-02', 'primita', 1], ['2026-12-02', 'analiza', 1], ['2026-12-02', 'f1', 1]]);
  });

  it('times an element from entering to completing, first in first out when it loops', () => {
    const days = elementDays([
      ev('element.entered', 'analiza', '2026-12-02T08:00:00Z'),
      ev('element.completed', 'analiza', '2026-12-02T09:00:00Z'),
      ev('element.entered', 'analiza', '2026-12-03T08:00:00Z', 'inapoi'),
      ev('element.completed', 'analiza', '2026-12-03T08:00:30Z'),
    ]);
    const [second, first] = [days.get('2026-12-03\u0000analiza')!, days.get('2026-12-02\u0000analiza')!];
    expect(first).to.include({ passes: 1, timed: 1, seconds: 3600 });
    expect(second).to.include({ passes: 1, timed: 1, seconds: 30 });
    expect(first.hist[bucketOf(3600)]).to.equal(1);
  });

  it('does not time an element completed without having been seen entered', () => {
    const days = elementDays([ev('element.completed', 'analiza', '2026-12-02T09:00:00Z')]);
    expect(days.size).to.equal(0);
  });

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
