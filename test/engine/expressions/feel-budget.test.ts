import { expect } from 'chai';
import { AppError } from '../../../engine/errors.ts';
import { assertFeelParses, evaluateCondition, evaluateFeel, FEEL_STEP_BUDGET } from '../../../engine/expressions/feel.ts';

const NOW = '2026-12-03T10:00:00Z';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return (err as AppError).code;
  }
  return undefined;
}

describe('the FEEL budget', () => {
  describe('when an expression iterates a huge range', () => {
    it('stops a 9-million-step range by its size, before building it, not by the clock', () => {
      // given
      let error: AppError | undefined;
      // when
      try {
        evaluateCondition('count(for i in 1..9000000 return i) > 0', {}, NOW);
      } catch (err) {
        error = err as AppError;
      }
      // then
      expect(error?.code).to.equal('expression-too-costly');
      expect(error?.message).to.contain(`enumerates more than ${FEEL_STEP_BUDGET} values`);
    });

    it('counts nested iterations together', () => {
      expect(codeOf(() => evaluateFeel('count(for i in 1..3000, j in 1..3000 return i)', {}, NOW))).to.equal('expression-too-costly');
    });

    it('stops a range whose bound comes from a variable', () => {
      expect(codeOf(() => evaluateFeel('some i in 1..n satisfies i < 0', { n: 5_000_000 }, NOW))).to.equal('expression-too-costly');
    });
  });

  describe('when an expression stays within the budget', () => {
    it('does not stop it', () => {
      expect(evaluateFeel(`count(for i in 1..${FEEL_STEP_BUDGET / 2} return i)`, {}, NOW)).to.equal(FEEL_STEP_BUDGET / 2);
      expect(evaluateCondition('x in [1..1000000000]', { x: 7 }, NOW)).to.equal(true);
    });

    it('gives each evaluation its own budget', () => {
      for (let i = 0; i < 5; i++) expect(evaluateFeel(`count(for i in 1..${FEEL_STEP_BUDGET - 1} return i)`, {}, NOW)).to.equal(FEEL_STEP_BUDGET - 1);
    });
  });

  describe('at deploy', () => {
    it('refuses a literal range over the budget', () => {
      expect(codeOf(() => assertFeelParses('count(for i in 1..9000000 return i) > 0'))).to.equal('expression-too-costly');
    });

    it('does not refuse a large interval used as a test, nor a range with a variable bound', () => {
      expect(codeOf(() => assertFeelParses('x in [1..1000000000]'))).to.equal(undefined);
      expect(codeOf(() => assertFeelParses('count(for i in 1..n return i) > 0'))).to.equal(undefined);
    });
  });
});
