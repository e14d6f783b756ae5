import { expect } from 'chai';
import { createProgress, describe as describeProgress, formatDuration } from '../../../../server/archive/import/progress.ts';

/** A stand-in for stderr that keeps what is written. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { text: '', isTTY, columns: 100, write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('archive import progress', () => {
  it('tells the count, the rate and the time left', () => {
    expect(describeProgress(50, 200, 10_000)).to.equal('50/200 files, 5.0 docs/s, 30s left');
    expect(describeProgress(0, 200, 0)).to.equal('0/200 files, 0.0 docs/s, time left unknown');
    expect(formatDuration(3 * 3600 + 12 * 60)).to.equal('3h12m');
  });

  describe('when stderr is a terminal', () => {
    it('redraws one bar in place and ends it with a new line', () => {
      let t = 0;
      const out = stream(true);
      const progress = createProgress({ total: 4, stream: out, now: () => t });
      t = 1000; progress.tick(1);
      t = 2000; progress.tick(2);
      progress.finish(4);
      expect(out.text.split('\r').filter(Boolean)).to.have.length(3);
      expect(out.text).to.match(/\[#+\] 4\/4 files/).and.match(/\n$/);
    });
  });

  describe('when stderr is a file or a pipe', () => {
    it('writes plain lines, no more often than the interval', () => {
      let t = 0;
      const out = stream(false);
      const progress = createProgress({ total: 10, stream: out, intervalMs: 5000, now: () => t });
      for (let i = 1; i <= 9; i++) { t = i * 1000; progress.tick(i); }
      progress.finish(10);
      expect(out.text).to.not.include('\r');
      expect(out.text.trim().split('\n')).to.deep.equal([
        'archive import: 5/10 files, 1.0 docs/s, 5s left',
        'archive import: 10/10 files, 1.1 docs/s, 0s left',
      ]);
    });
  });
});
