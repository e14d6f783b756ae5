import { expect } from 'chai';
import { CsvSyntaxError, parseCsv } from '../../../../server/archive/import/csv.ts';

describe('archive import CSV', () => {
  describe('when fields are quoted', () => {
    it('keeps commas, doubled quotes and line breaks inside quotes, and the line each record starts on', () => {
      // given
      const text = 'a,b,c\r\n"Ionescu, Ștefan","zis ""Fănică""","două\nrânduri"\r\nx,y,z\r\n';
      // when
      const records = parseCsv(text);
      // then
      expect(records.map((r) => r.cells)).to.deep.equal([['a', 'b', 'c'], ['Ionescu, Ștefan', 'zis "Fănică"', 'două\nrânduri'], ['x', 'y', 'z']]);
      expect(records.map((r) => r.line)).to.deep.equal([1, 2, 4]);
    });
  });

  describe('when Excel wrote it', () => {
    it('drops the byte order mark and reads semicolons when the header uses them', () => {
      const records = parseCsv('\uFEFFregister_number;dossier_title\n12/2019;Autorizație de construire, corp B\n');
      expect(records[0]!.cells[0]).to.equal('register_number');
      expect(records[1]!.cells).to.deep.equal(['12/2019', 'Autorizație de construire, corp B']);
    });

    it('skips empty lines and does not treat a last line without a newline as lost', () => {
      expect(parseCsv('a,b\n\n1,2').map((r) => r.cells)).to.deep.equal([['a', 'b'], ['1', '2']]);
    });
  });

  describe('when the CSV is malformed', () => {
    it('names the line of a quote that is never closed', () => {
      expect(() => parseCsv('a,b\n1,"open\n2,3\n')).to.throw(CsvSyntaxError).with.property('line', 2);
    });

    it('refuses text after a closing quote', () => {
      expect(() => parseCsv('a,b\n"x"y,2\n')).to.throw(CsvSyntaxError, 'after a closing quote');
    });
  });
});
