import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../engine/index.ts';
import { startAttempt } from '../../../server/payments/payment-attempts.ts';
import { createPaymentOrder, requireOrder } from '../../../server/payments/payment-orders.ts';
import { SIGNATURE_HEADER, signBody } from '../../../server/payments/signature.ts';
import { TEST_CARDS } from '../../../server/payments/simulator/simulator.ts';
import { createInstallation, postgresConfigured, type Installation, type ServerProcess } from '../../support/server-process.ts';
import { paymentContext } from './payment-context.ts';
import { startSimulatorProcess } from './simulator-process.ts';

const SECRET = 'secret-of-the-exactly-once-suite';

/**
 * Two `npm start` processes on one PostgreSQL schema, the simulator as its own process, everything
 * over real HTTP: whatever arrives (duplicates, replays, reorders, forgeries, the payer's return
 * racing the notification), each order is confirmed once and its process moves once.
 */
describe('payment confirmations at two server processes', function () {
  this.timeout(180_000);
  let inst: Installation;
  let a: ServerProcess;
  let b: ServerProcess;
  let sim: Awaited<ReturnType<typeof startSimulatorProcess>>;

  before(async function () {
    if (!postgresConfigured()) this.skip();
    sim = await startSimulatorProcess(SECRET);
    inst = await createInstallation();
    const env = { DOSAR_PAYMENT_GATEWAY_URL: sim.url, DOSAR_PAYMENT_SECRET: SECRET, DOSAR_PAYMENT_POLL_INTERVAL_S: '1', DOSAR_PAYMENT_POLL_AFTER_S: '2' };
    a = await inst.start({ env });
    b = await inst.start({ env });
  });

  after(async () => {
    await inst?.destroy();
    await sim?.stop();
  });

  async function order(deadlineMs = 600_000) {
    const env = await paymentContext(inst.db(), { publicUrl: a.base, at: new Date(), settings: { gatewayUrl: sim.url, secret: SECRET } });
    const { id } = await env.engine.start('asteapta-plata');
    const created = await createPaymentOrder(env.ctx, { sourceKey: randomUUID(), instanceId: id, payerName: 'Ion Popescu', description: 'Taxă', amountBani: 1500, deadlineMs });
    return { ...env, order: created, instanceId: id };
  }
  const confirmations = async (db: Database, reference: string) => (await db.query(
    "select count(*)::int as n from payment_events e join payment_orders o on o.id = e.order_id where o.reference = $1 and e.kind = 'paid'", [reference]))[0]!.n as number;
  const openTasks = async (db: Database, instanceId: string) => (await db.query<{ element_id: string }>('select element_id from tasks where instance_id = $1', [instanceId])).map((r) => r.element_id);
  const until = async (check: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const post = (server: ServerProcess, body: string, signature: string) => fetch(`${server.base}/api/v1/payments/notifications/card`, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature }, body });

  it('confirms once whatever mix of duplicates, replays, reorders and forgeries reaches either process', async () => {
    // given
    const { order: o, instanceId } = await order();
    const note = (status: string, amountBani = 1500, paymentId = 'sim_2') => JSON.stringify({ eventId: randomUUID(), reference: o.reference, paymentId, status, amountBani, currency: 'RON' });
    const paid = note('paid');
    const signed = signBody(SECRET, paid, new Date());
    const altered = note('paid', 1);
    // when: 16 at once, over both processes
    const sent = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => post(i % 2 ? a : b, paid, signed)),
      ...Array.from({ length: 4 }, (_, i) => { const again = note('paid'); return post(i % 2 ? b : a, again, signBody(SECRET, again, new Date())); }),
      post(a, note('declined', 1500, 'sim_1'), signBody(SECRET, note('declined', 1500, 'sim_1'), new Date())),
      post(b, paid, signBody('a-forger', paid, new Date())),
      post(a, paid, signBody(SECRET, paid, new Date(Date.now() - 3_600_000))),
      post(b, altered, signBody(SECRET, altered, new Date())),
      post(a, paid.replace('1500', '9999'), signed),
      post(b, paid, 'garbage'),
    ]);
    // then
    const answers = await Promise.all(sent.map(async (r) => ({ status: r.status, body: await r.json() as { applied?: boolean; error?: { code: string } } })));
    expect(answers.filter((x) => x.body.applied === true)).to.have.length(1);
    expect(answers.slice(11).map((x) => x.body.error?.code)).to.deep.equal(['payment-signature-invalid', 'payment-signature-invalid', 'payment-mismatch', 'payment-signature-invalid', 'payment-signature-invalid']);
    expect(await confirmations(inst.db(), o.reference)).to.equal(1);
    expect(await openTasks(inst.db(), instanceId)).to.deep.equal(['platita']);
    expect(a.output() + b.output()).to.match(/payment notification refused \(payment-signature-invalid\)/);
  });

  it('confirms many orders once each when their notifications arrive together, twice each, at both processes', async () => {
    // given
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await order());
    // when: each order's notification at both processes, all at once (batches of both overlap)
    const sent = await Promise.all(orders.flatMap(({ order: o }) => [a, b].map((server) => {
      const body = JSON.stringify({ eventId: randomUUID(), reference: o.reference, paymentId: 'sim_1', status: 'paid', amountBani: 1500, currency: 'RON' });
      return post(server, body, signBody(SECRET, body, new Date()));
    })));
    // then
    const answers = await Promise.all(sent.map(async (r) => await r.json() as { reference: string; status: string; applied: boolean }));
    expect(answers.every((x) => x.status === 'paid')).to.equal(true);
    for (const { order: o, instanceId } of orders) {
      expect(answers.filter((x) => x.reference === o.reference && x.applied)).to.have.length(1);
      expect(await confirmations(inst.db(), o.reference)).to.equal(1);
      expect(await openTasks(inst.db(), instanceId)).to.deep.equal(['platita']);
    }
  });

  it('confirms once a card payment made on the simulator’s page whose notification comes twice, racing the return', async () => {
    // given
    await sim.mode('twice');
    const { ctx, order: o, instanceId } = await order();
    const { redirectUrl } = await startAttempt(ctx, o.reference);
    // when: the payer pays on the hosted page and comes back at once
    const page = await fetch(redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card: TEST_CARDS.success }) });
    expect(page.status).to.equal(303);
    await fetch(page.headers.get('location')!.replace(a.base, b.base), { redirect: 'manual' });
    // then
    await until(async () => (await requireOrder(inst.db(), o.reference)).status === 'paid');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await confirmations(inst.db(), o.reference)).to.equal(1);
    expect(await openTasks(inst.db(), instanceId)).to.deep.equal(['platita']);
  });

  it('confirms once when a declined attempt’s notification arrives after the paid one', async () => {
    // given
    await sim.mode('out-of-order');
    const { ctx, order: o, instanceId } = await order();
    const pay = async (card: string) => {
      const { redirectUrl } = await startAttempt(ctx, o.reference);
      await fetch(redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card }) });
    };
    // when
    await pay(TEST_CARDS.decline);
    await pay(TEST_CARDS.success);
    // then
    await until(async () => (await requireOrder(inst.db(), o.reference)).status === 'paid');
    await until(async () => sim.output().split('\n').filter((l) => l.includes(o.reference)).length >= 2);
    expect(await confirmations(inst.db(), o.reference)).to.equal(1);
    expect((await requireOrder(inst.db(), o.reference)).status).to.equal('paid');
    expect(await openTasks(inst.db(), instanceId)).to.deep.equal(['platita']);
  });

  it('confirms a payment whose notification never comes, by asking the simulator', async () => {
    // given
    await sim.mode('never');
    const { ctx, order: o } = await order();
    const { redirectUrl } = await startAttempt(ctx, o.reference);
    // when
    await fetch(redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card: TEST_CARDS.success }) });
    // then: the poller of either process finds it
    await until(async () => (await requireOrder(inst.db(), o.reference)).status === 'paid');
    expect(await confirmations(inst.db(), o.reference)).to.equal(1);
  });

  it('expires an order whose bank never answered once its deadline passes, and moves its process on', async () => {
    // given
    await sim.mode('normal');
    const { ctx, order: o, instanceId } = await order(3000);
    const { redirectUrl } = await startAttempt(ctx, o.reference);
    // when
    await fetch(redirectUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card: TEST_CARDS.timeout }) });
    // then
    await until(async () => (await requireOrder(inst.db(), o.reference)).status === 'expired');
    expect(await openTasks(inst.db(), instanceId)).to.deep.equal(['neplatita']);
  });
});
