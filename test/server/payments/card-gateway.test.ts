import { expect } from 'chai';
import { AppError } from '../../../engine/index.ts';
import { cardGateway } from '../../../server/payments/card-gateway.ts';
import { paymentSettingsFromEnv } from '../../../server/payments/payment-settings.ts';
import { SIGNATURE_HEADER, signBody, verifySignature } from '../../../server/payments/signature.ts';
import { startSimulator, TEST_CARDS } from '../../../server/payments/simulator/simulator.ts';

const SECRET = 'card-gateway-test-secret';
const now = new Date('2026-03-02T08:00:00Z');

function refusal(fn: () => unknown): string {
  try { fn(); } catch (err) { return (err as AppError).code; }
  return 'accepted';
}

describe('the card gateway adapter', () => {
  describe('when a notification arrives', () => {
    const gateway = cardGateway({ ...paymentSettingsFromEnv({}), secret: SECRET });
    const body = Buffer.from(JSON.stringify({ reference: 'PL1', paymentId: 'p1', status: 'paid', amountBani: 1500, currency: 'RON' }));
    const headers = (signature: string) => ({ [SIGNATURE_HEADER]: signature });

    it('reads one signed with the shared secret within the replay window', () => {
      expect(gateway.verifyNotification(body, headers(signBody(SECRET, body, now)), now)).to.include({ reference: 'PL1', status: 'paid', amountBani: 1500 });
    });

    it('refuses a forged, stale, future, altered or unsigned one before reading it', () => {
      const signed = signBody(SECRET, body, now);
      expect(refusal(() => gateway.verifyNotification(body, headers(signBody('other', body, now)), now))).to.equal('payment-signature-invalid');
      expect(refusal(() => gateway.verifyNotification(body, headers(signed), new Date(now.getTime() + 301_000)))).to.equal('payment-signature-invalid');
      expect(refusal(() => gateway.verifyNotification(body, headers(signed), new Date(now.getTime() - 301_000)))).to.equal('payment-signature-invalid');
      expect(refusal(() => gateway.verifyNotification(Buffer.from(body.toString().replace('1500', '15')), headers(signed), now))).to.equal('payment-signature-invalid');
      expect(refusal(() => gateway.verifyNotification(body, {}, now))).to.equal('payment-signature-invalid');
    });

    it('does not parse an unsigned body at all (a body that is not JSON is refused for its signature)', () => {
      expect(refusal(() => gateway.verifyNotification(Buffer.from('{not json'), headers('t=1,v1=00'), now))).to.equal('payment-signature-invalid');
    });

    it('refuses a signed message whose timestamp was moved', () => {
      const signed = signBody(SECRET, body, now);
      const moved = signed.replace(/^t=(\d+)/, (_, t: string) => `t=${Number(t) + 5}`);
      expect(refusal(() => verifySignature(SECRET, body, moved, now, 300_000))).to.equal('payment-signature-invalid');
    });
  });

  describe('when it talks to the simulator', () => {
    let sim: Awaited<ReturnType<typeof startSimulator>>;
    before(async () => { sim = await startSimulator({ secret: SECRET, mode: 'never' }); });
    after(() => sim.close());

    it('opens a hosted page, then reports the attempt’s outcome on a status query', async () => {
      // given
      const gateway = cardGateway({ ...paymentSettingsFromEnv({}), secret: SECRET, gatewayUrl: sim.url });
      const started = await gateway.startPayment({ reference: 'PL2', amountBani: 2500, currency: 'RON', description: 'Taxă', returnUrl: 'http://dosar.test/r', notifyUrl: 'http://127.0.0.1:9/n' });
      expect(await gateway.queryStatus('PL2')).to.include({ status: 'pending' });
      // when
      const page = await fetch(started.redirectUrl);
      expect(await page.text()).to.include('Plată cu cardul');
      const paid = await fetch(started.redirectUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card: TEST_CARDS.success }) });
      // then
      expect(paid.headers.get('location')).to.equal('http://dosar.test/r');
      expect(await gateway.queryStatus('PL2')).to.include({ status: 'paid', amountBani: 2500, providerPaymentId: started.providerPaymentId });
      expect(await gateway.queryStatus('PL-UNKNOWN')).to.equal(undefined);
    });

    it('refunds once per refund key', async () => {
      const gateway = cardGateway({ ...paymentSettingsFromEnv({}), secret: SECRET, gatewayUrl: sim.url });
      const first = await gateway.refund({ reference: 'PL2', providerPaymentId: 'p', amountBani: 100, refundKey: 'k1' });
      expect(await gateway.refund({ reference: 'PL2', providerPaymentId: 'p', amountBani: 100, refundKey: 'k1' })).to.deep.equal(first);
    });

    it('refuses answers not signed with its secret', async () => {
      const gateway = cardGateway({ ...paymentSettingsFromEnv({}), secret: 'wrong', gatewayUrl: sim.url });
      let code = 'accepted';
      await gateway.queryStatus('PL2').catch((err: AppError) => { code = err.code; });
      expect(code).to.equal('payment-signature-invalid');
    });
  });
});
