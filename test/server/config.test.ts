import { expect } from 'chai';
import { settingsFromEnv } from '../../server/config.ts';

describe('the server settings', () => {
  describe('when they set the early warning', () => {
    it('defaults to a due date within 3 working days and 2 idle working days', () => {
      expect(settingsFromEnv({}).earlyWarning).to.deep.equal({ dueWithinWorkingDays: 3, idleWorkingDays: 2 });
    });

    it('reads DOSAR_EARLY_WARNING_DUE_DAYS and DOSAR_EARLY_WARNING_IDLE_DAYS', () => {
      expect(settingsFromEnv({ DOSAR_EARLY_WARNING_DUE_DAYS: '5', DOSAR_EARLY_WARNING_IDLE_DAYS: '0' }).earlyWarning).to.deep.equal({ dueWithinWorkingDays: 5, idleWorkingDays: 0 });
    });

    it('does not start with a number of days that is not a whole number from 0 to 60', () => {
      for (const bad of ['-1', '2.5', 'trei', '61']) expect(() => settingsFromEnv({ DOSAR_EARLY_WARNING_DUE_DAYS: bad }), bad).to.throw(/DOSAR_EARLY_WARNING_DUE_DAYS/);
      expect(() => settingsFromEnv({ DOSAR_EARLY_WARNING_IDLE_DAYS: 'x' })).to.throw(/DOSAR_EARLY_WARNING_IDLE_DAYS/);
    });
  });

  describe('when they set the quality roll-up\'s share of time', () => {
    it('defaults to 5% and reads DOSAR_QUALITY_ROLLUP_SHARE', () => {
      expect(settingsFromEnv({}).qualityRollupShare).to.equal(0.05);
      expect(settingsFromEnv({ DOSAR_QUALITY_ROLLUP_SHARE: '0.2' }).qualityRollupShare).to.equal(0.2);
      expect(settingsFromEnv({ DOSAR_QUALITY_ROLLUP_SHARE: '1' }).qualityRollupShare).to.equal(1);
    });

    it('does not start with a share that is not from 0.01 to 1', () => {
      for (const bad of ['0', '0.001', '1.5', '-0.1', 'jumătate']) expect(() => settingsFromEnv({ DOSAR_QUALITY_ROLLUP_SHARE: bad }), bad).to.throw(/DOSAR_QUALITY_ROLLUP_SHARE must be a share of time from 0.01 to 1/);
    });
  });
});
