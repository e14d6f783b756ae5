/** The simulator's hosted card page: small, accessible (labels, landmarks, 390 px wide), in Romanian. */
interface Shown { id: string; reference: string; amountBani: number; currency: string; description: string; returnUrl: string }

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const lei = (bani: number) => `${Math.floor(bani / 100)},${String(bani % 100).padStart(2, '0')}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="ro"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Simulator plăți</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f4;color:#1a1a1a}main{max-width:26rem;margin:1rem auto;background:#fff;padding:1rem 1.25rem;border-radius:.5rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}input{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box}button{font-size:1rem;padding:.6rem 1rem;margin-top:1rem;background:#0b4f9c;color:#fff;border:0;border-radius:.3rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem}dt{font-weight:600}code{background:#eee;padding:0 .2rem}a{color:#0b4f9c}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function summary(p: Shown): string {
  return `<dl><dt>Referință</dt><dd>${escape(p.reference)}</dd><dt>Plată</dt><dd>${escape(p.description)}</dd><dt>Sumă</dt><dd>${lei(p.amountBani)} ${escape(p.currency)}</dd></dl>`;
}

export function hostedPage(p: Shown): string {
  return layout('Plată cu cardul', `${summary(p)}
<form method="post" action="/pay/${escape(p.id)}">
<label for="card">Numărul cardului (Card number)</label><input id="card" name="card" inputmode="numeric" autocomplete="off" required>
<label for="expiry">Data expirării (Expiry, LL/AA)</label><input id="expiry" name="expiry" autocomplete="off" value="12/30">
<button type="submit">Plătește ${lei(p.amountBani)} lei</button></form>
<p>Carduri de test (test cards): <code>4111 1111 1111 1111</code> reușită (success), <code>4000 0000 0000 0002</code> refuzată (declined),
<code>4000 0000 0000 3220</code> 3-D Secure (cod / code 123456), <code>4000 0000 0000 0119</code> fără răspuns (timeout).</p>
<p><a href="${escape(p.returnUrl)}">Renunță și revino la primărie (Cancel)</a></p>`);
}

export function challengePage(p: Shown, card: string): string {
  return layout('Confirmare 3-D Secure', `${summary(p)}
<form method="post" action="/pay/${escape(p.id)}"><input type="hidden" name="card" value="${escape(card)}">
<label for="code">Codul primit prin SMS (Code from your bank)</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">Confirmă (Confirm)</button></form>`);
}

export function resultPage(p: Shown, outcome: 'paid' | 'declined' | 'timeout'): string {
  const text = { paid: 'Plata a fost acceptată (Payment accepted).', declined: 'Plata a fost refuzată (Payment declined).', timeout: 'Banca nu a răspuns încă; plata rămâne în așteptare (The bank has not answered; the payment stays pending).' }[outcome];
  return layout('Rezultatul plății', `${summary(p)}<p role="status">${text}</p><p><a href="${escape(p.returnUrl)}">Înapoi la primărie (Back to the city hall)</a></p>`);
}
