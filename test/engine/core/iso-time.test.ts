import { expect } from 'chai';
import { parseDateTime } from '../../../engine/core/iso-time.ts';
import { AppError } from '../../../engine/errors.ts';

const at = (text: string) => parseDateTime(text).toISOString();

function refusal(text: string): string {
  try {
    parseDateTime(text);
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseDateTime', () => {
  it('reads a date-time without an offset as Bucharest wall-clock time, in winter and in summer', () => {
    expect(at('2027-01-15T10:00:00')).to.equal('2027-01-15T08:00:00.000Z');
    expect(at('2027-07-15T10:00')).to.equal('2027-07-15T07:00:00.000Z');
    expect(at('2027-07-15T10:00:05.5')).to.equal('2027-07-15T07:00:05.500Z');
  });

  it('reads a date alone as the start of that day in Bucharest', () => {
    expect(at('2027-01-15')).to.equal('2027-01-14T22:00:00.000Z');
    expect(at('2027-08-01')).to.equal('2027-07-31T21:00:00.000Z');
  });

  it('takes an explicit offset or Z at its word', () => {
    expect(at('2027-01-15T10:00:00Z')).to.equal('2027-01-15T10:00:00.000Z');
    expect(at('2027-01-15T10:00:00.250+03:00')).to.equal('2027-01-15T07:00:00.250Z');
    expect(at('2027-01-15T10:00:00+0100')).to.equal('2027-01-15T09:00:00.000Z');
  });

  it('reads a time the spring change skips with the winter offset, and the hour repeated in autumn as its second pass', () => {
    // 28 March 2027: 03:00 EET jumps to 04:00 EEST; 31 October 2027: 04:00 EEST falls back to 03:00 EET.
    expect(at('2027-03-28T03:30:00')).to.equal('2027-03-28T01:30:00.000Z');
    expect(at('2027-03-28T04:30:00')).to.equal('2027-03-28T01:30:00.000Z');
    expect(at('2027-10-31T03:30:00')).to.equal('2027-10-31T01:30:00.000Z');
  });

  it('refuses what is not a real date-time instead of rolling it over', () => {
    for (const text of ['2027-02-30', '2027-02-29T10:00:00Z', '2027-01-15T24:00:00', '2027-01-15T10:60:00', '2027-13-01', '15.01.2027', 'mâine']) {
      expect(refusal(text), text).to.equal('bad-input');
    }
    expect(at('2028-02-29T10:00:00Z')).to.equal('2028-02-29T10:00:00.000Z');
  });
});
