import { expect } from 'chai';
import { evaluate } from 'feelin';
import { JuelUnsupported, juelToFeel } from '../../../engine/expressions/juel-to-feel.ts';

const context = { amount: 1500, approved: true, name: 'Ana', order: { total: 10, customer: { vip: false } }, empty1: '', missing: null };

describe('juelToFeel', () => {
  const cases: Array<[string, unknown]> = [
    ['${amount > 1000}', true],
    ['${amount gt 1000 && approved}', true],
    ['${amount <= 1000 || !approved}', false],
    ['${name == "Ana"}', true],
    ["${name eq 'Ion'}", false],
    ['${name ne "Ion"}', true],
    ['${order.total >= 10 and not order.customer.vip}', true],
    ['${empty empty1}', true],
    ['${empty name}', false],
    ['${(amount - 500) * 2 == 2000}', true],
    ['${missing == null}', true],
    ['#{approved}', true],
  ];
  for (const [juel, expected] of cases) {
    it(`translates ${juel} to FEEL with the same meaning`, () => {
      const feel = juelToFeel(juel);
      expect(evaluate(feel, context).value).to.equal(expected);
    });
  }

  for (const juel of ['${execution.getVariable("x")}', '${a.size()}', '${list[0]}', '${a ? b : c}', 'Hello ${name}', '${foo(1)}']) {
    it(`refuses ${juel} at deploy`, () => {
      expect(() => juelToFeel(juel)).to.throw(JuelUnsupported);
    });
  }
});
