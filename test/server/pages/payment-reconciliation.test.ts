import { expect } from 'chai';
import { confirmAtCounter } from '../../../server/payments/payment-orders.ts';
import { ordersOfRequest } from '../../../server/payments/payment-store.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signInSession, type TestServer } from '../../support/server.ts';
import { serverWithTaxaTest } from '../payments/taxa-test.ts';

const HEADER = 'reference,payment_id,amount_bani,currency,kind';
const DAY = '2026-03-02';

describe('the finance department’s reconciliation page', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;
  /** An order paid at the counter (15,00 lei) and one still waiting, both of taxa-test. */
  let paid: string;
  let waiting: string;

  beforeEach(async () => {
    // The test server's clock: 2026-03-02 10:00 in Bucharest, so "yesterday" is 2026-03-01.
    s = await serverWithTaxaTest(t.db);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    paid = await feeRequest(citizen.token, 'Maria Ionescu');
    waiting = await feeRequest(citizen.token, 'Ștefan Țurcanu');
    await confirmAtCounter(s.ctx, 'ana@primarie.ro', paid, 'CH 41/2026');
  });
  afterEach(async () => { await s.close(); });

  async function feeRequest(token: string, name: string): Promise<string> {
    const sent = await s.api('/api/v1/procedures/taxa-test/requests', { token, body: { nume: name } });
    await s.ctx.engine.tick();
    return (await ordersOfRequest(s.ctx.db, sent.body.id))[0]!.reference;
  }

  async function session(email: string, role: 'citizen' | 'clerk' | 'analyst' | 'admin', departments: string[] = []) {
    const u = await s.user(email, role, departments);
    return signInSession(s, u.email, u.password);
  }

  /** The settlement upload as the page's form sends it; the file's name is the client's and must not matter. */
  function settlementForm(csv: string, date = DAY): FormData {
    const form = new FormData();
    form.set('data', date);
    form.set('fisier', new Blob([csv], { type: 'text/csv' }), '../../decont.csv');
    return form;
  }

  const settlementRows = async () => Number((await s.ctx.db.query<{ n: string }>('select count(*) as n from payment_settlements'))[0]!.n);

  it('imports a settlement file once, and lists the unknown reference and the amount that differs', async () => {
    // given
    const admin = await session('admin@primarie.ro', 'admin');
    const csv = `${HEADER}\nPL-NECUNOSCUT,p-1,700,RON,payment\n${paid},p-2,1400,RON,payment\n`;
    // when: the page of the day before, with nothing imported
    const first = await admin.page('/lucru/plati/reconciliere');
    const firstText = await first.text();
    // then
    expect(first.status).to.equal(200);
    expect(firstText).to.contain('<h1>Reconcilierea plăților</h1>').and.contain('name="data" value="2026-03-01"').and.contain('Totul se potrivește');
    expect(firstText).to.contain('enctype="multipart/form-data"').and.contain('action="/lucru/plati/export.csv"');

    // when: the settlement of the day is imported
    const imported = await admin.upload('/lucru/plati/reconciliere', settlementForm(csv));
    // then
    expect(imported.status).to.equal(303);
    expect(imported.headers.get('location')).to.equal(`/lucru/plati/reconciliere?data=${DAY}&importate=2&existente=0`);
    const page = await (await admin.page(imported.headers.get('location')!)).text();
    expect(page).to.contain('Linii de decont importate: <strong>2</strong>; existau deja: <strong>0</strong>.');
    expect(page).to.match(/<p id="settlement-lines">[^<]*: <strong>2<\/strong>/);
    const rows = [...page.matchAll(/<tr><td[^>]*>(.*?)<\/td><td[^>]*>(.*?)<\/td><td[^>]*>(.*?)<\/td><td[^>]*>(.*?)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).to.have.deep.members([
      ['PL-NECUNOSCUT', 'Referință necunoscută: niciun ordin de plată nu o are', '7,00 lei', '—'],
      [`<a href="/plati/${paid}">${paid}</a>`, 'Suma decontată diferă de suma plătită', '14,00 lei', '15,00 lei'],
    ]);
    expect(page).not.to.contain('Totul se potrivește').and.not.to.contain(waiting);

    // when: the same file a second time
    const again = await admin.upload('/lucru/plati/reconciliere', settlementForm(csv));
    // then: nothing new
    expect(again.headers.get('location')).to.equal(`/lucru/plati/reconciliere?data=${DAY}&importate=0&existente=2`);
    expect(await settlementRows()).to.equal(2);
    const english = await (await admin.page(`/lucru/plati/reconciliere?data=${DAY}&importate=0&existente=2&lang=en`)).text();
    expect(english).to.contain('Settlement lines imported: <strong>0</strong>; already there: <strong>2</strong>.');
    expect(english).to.contain('Unknown reference: no payment order has it').and.contain('The settled amount differs from the amount paid');
  });

  it('refuses a bad settlement file or day on the page with 400, and writes nothing', async () => {
    const admin = await session('admin@primarie.ro', 'admin');
    const refused = async (form: FormData) => {
      const res = await admin.upload('/lucru/plati/reconciliere', form);
      return { status: res.status, text: await res.text() };
    };
    // no header
    const noHeader = await refused(settlementForm(`${paid},p-1,1500,RON,payment\n`));
    expect(noHeader.status).to.equal(400);
    expect(noHeader.text).to.contain('id="reconciliation-error"').and.contain(`Fișierul de decontare trebuie să înceapă cu antetul „${HEADER}”.`);
    expect(noHeader.text).to.contain(`name="data" value="${DAY}"`);
    // a good line before a bad one: the good one is not kept either
    const badLine = await refused(settlementForm(`${HEADER}\n${paid},p-1,1500,RON,payment\n${waiting},p-2,15.00,RON,payment\n`));
    expect(badLine.status).to.equal(400);
    expect(badLine.text).to.contain('Linia 3 a fișierului de decontare nu are forma cerută.');
    // a day the calendar does not have
    const badDay = await refused(settlementForm(`${HEADER}\n${paid},p-1,1500,RON,payment\n`, '2026-02-30'));
    expect(badDay.status).to.equal(400);
    expect(badDay.text).to.contain('Ziua se scrie AAAA-LL-ZZ');
    // no file at all
    const form = new FormData();
    form.set('data', DAY);
    const noFile = await refused(form);
    expect(noFile.status).to.equal(400);
    expect(noFile.text).to.contain('Alegeți fișierul de decontare (CSV) al zilei.');
    // a good file without the form's token
    const forged = await fetch(`${s.base}/lucru/plati/reconciliere`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.cookie }, body: settlementForm(`${HEADER}\n${paid},p-1,1500,RON,payment\n`) });
    expect(forged.status).to.equal(403);
    expect(await settlementRows()).to.equal(0);
    // the page's own day, badly written
    const badQuery = await admin.page('/lucru/plati/reconciliere?data=2026-13-01&lang=en');
    expect(badQuery.status).to.equal(400);
    expect(await badQuery.text()).to.contain('Write the day as YYYY-MM-DD');
  });

  it('exports the days’ paid orders for the accounting system as a CSV download named by the server', async () => {
    const admin = await session('admin@primarie.ro', 'admin');
    const res = await admin.page(`/lucru/plati/export.csv?de=${DAY}&pana=${DAY}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.equal(`attachment; filename=plati-${DAY}-${DAY}.csv`);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).to.equal('reference,registration_number,payer,description,paid_bani,refunded_bani,status,method,receipt_or_payment_id,paid_at');
    expect(lines).to.have.length(2);
    expect(lines[1]).to.match(new RegExp(`^${paid},`)).and.include(',1500,0,paid,counter,CH 41/2026,');
    // the day before has no payment; a range backwards is refused
    expect((await (await admin.page('/lucru/plati/export.csv?de=2026-03-01&pana=2026-03-01')).text()).trim().split('\n')).to.have.length(1);
    expect((await admin.page(`/lucru/plati/export.csv?de=${DAY}&pana=2026-03-01`)).status).to.equal(400);
  });

  it('is for admins and the local taxes department’s clerks: citizens, analysts and other clerks get 403, nobody signed in is sent to sign in', async () => {
    const csv = `${HEADER}\n${paid},p-1,1500,RON,payment\n`;
    const taxes = await session('dan@primarie.ro', 'clerk', ['taxe']);
    expect((await taxes.page('/lucru/plati/reconciliere')).status).to.equal(200);
    expect((await taxes.upload('/lucru/plati/reconciliere', settlementForm(csv))).status).to.equal(303);
    expect((await taxes.page(`/lucru/plati/export.csv?de=${DAY}&pana=${DAY}`)).status).to.equal(200);
    expect(await (await taxes.page('/lucru/plati')).text()).to.contain('href="/lucru/plati/reconciliere"');
    await s.ctx.db.query('delete from payment_settlements');
    for (const [email, role, departments] of [['maria2@exemplu.ro', 'citizen', []], ['elena@primarie.ro', 'analyst', []], ['ana@primarie.ro', 'clerk', ['registratura', 'urbanism']]] as const) {
      const other = await session(email, role, [...departments]);
      expect((await other.page('/lucru/plati/reconciliere')).status, `${role} opens the page`).to.equal(403);
      expect((await other.upload('/lucru/plati/reconciliere', settlementForm(csv))).status, `${role} imports`).to.equal(403);
      expect((await other.page(`/lucru/plati/export.csv?de=${DAY}&pana=${DAY}`)).status, `${role} exports`).to.equal(403);
      if (role === 'clerk') expect(await (await other.page('/lucru/plati')).text(), 'no link for another department').not.to.contain('/lucru/plati/reconciliere');
    }
    expect(await settlementRows()).to.equal(0);
    for (const path of ['/lucru/plati/reconciliere', `/lucru/plati/export.csv?de=${DAY}&pana=${DAY}`]) {
      const anon = await fetch(s.base + path, { redirect: 'manual' });
      expect(anon.status).to.equal(303);
      expect(anon.headers.get('location')).to.match(/^\/login\?next=/);
    }
    const anonPost = await fetch(`${s.base}/lucru/plati/reconciliere`, { method: 'POST', redirect: 'manual', body: settlementForm(csv) });
    expect(anonPost.headers.get('location')).to.match(/^\/login\?next=/);
    expect(await settlementRows()).to.equal(0);
  });
});
