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
});
