import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CLI_TIMEOUT, useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));

interface Result { code: number; stdout: string; stderr: string }

describe('dosar user create|reset-password|list and dosar token create|list|revoke', function () {
  this.timeout(CLI_TIMEOUT); // each command starts the embedded database: seconds apiece on a busy machine
  const installation = useInstallation({}, { scenario: true, migrated: true });

  function dosar(args: string[], stdin?: string): Promise<Result> {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [bin, ...args], { env: installation.env, cwd: installation.dir }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      child.stdin!.end(stdin ?? '');
    });
  }

  it('creates a clerk in two departments with a password from stdin, then an API token for them', async () => {
    const created = await dosar(['user', 'create', 'Ana@Primarie.ro', '--role', 'clerk', '--department', 'registratura', '--department', 'urbanism', '--password-stdin', '--json'], 'o-parola-destul-de-lunga\n');
    expect(created.code, created.stderr).to.equal(0);
    expect(JSON.parse(created.stdout)).to.include({ email: 'ana@primarie.ro', role: 'clerk' }).and.to.have.deep.property('departments', ['registratura', 'urbanism']);
    const token = await dosar(['token', 'create', 'ana@primarie.ro', '--json']);
    expect(JSON.parse(token.stdout).token).to.match(/^dosar_[A-Za-z0-9_-]{43}$/);
    const plain = await dosar(['token', 'create', 'ana@primarie.ro']);
    expect(plain.stdout).to.match(/^dosar_[A-Za-z0-9_-]{43}\n$/); // TOKEN=$(dosar token create …) gets just the token
  });

  it('creates a head of department (sef) for the departments given, and refuses one heading none', async () => {
    const head = await dosar(['user', 'create', 'sef@primarie.ro', '--role', 'sef', '--department', 'urbanism', '--json']);
    expect(head.code, head.stderr).to.equal(0);
    expect(JSON.parse(head.stdout)).to.include({ role: 'sef' }).and.to.have.deep.property('departments', ['urbanism']);
    const none = await dosar(['user', 'create', 'sef2@primarie.ro', '--role', 'sef', '--json']);
    expect(none.code).to.equal(1);
    expect(JSON.parse(none.stderr).error.message).to.contain('--department');
  });

  it('refuses a second account with the same email, an unknown role and a short password, writing nothing', async () => {
    const again = await dosar(['user', 'create', 'ana@primarie.ro', '--role', 'citizen', '--password-stdin', '--json'], 'alta-parola-lunga');
    expect(again.code).to.equal(1);
    expect(JSON.parse(again.stderr).error.code).to.equal('conflict');
    const role = await dosar(['user', 'create', 'x@primarie.ro', '--role', 'primar', '--json']);
    expect(JSON.parse(role.stderr).error.code).to.equal('bad-input');
    const short = await dosar(['user', 'create', 'y@primarie.ro', '--role', 'citizen', '--password-stdin', '--json'], 'scurta');
    expect(JSON.parse(short.stderr).error.code).to.equal('bad-input');
    const missing = await dosar(['token', 'create', 'y@primarie.ro', '--json']);
    expect(JSON.parse(missing.stderr).error.code).to.equal('not-found');
  });

  it('creates a token with a chosen lifetime, lists the account\'s tokens and revokes one', async () => {
    // given
    await dosar(['user', 'create', 'ion@primarie.ro', '--role', 'clerk', '--department', 'registratura', '--json']);
    const short = JSON.parse((await dosar(['token', 'create', 'ion@primarie.ro', '--expires-in', '30d', '--json'])).stdout);
    const long = JSON.parse((await dosar(['token', 'create', 'ion@primarie.ro', '--json'])).stdout);
    expect(Date.parse(short.expiresAt) - Date.now()).to.be.within(30 * 86_400_000 - 120_000, 30 * 86_400_000);
    expect(Date.parse(long.expiresAt) - Date.now()).to.be.within(90 * 86_400_000 - 120_000, 90 * 86_400_000);
    // when
    const revoked = await dosar(['token', 'revoke', short.id, '--json']);
    const listed = await dosar(['token', 'list', 'ion@primarie.ro', '--json']);
    // then: one JSON object each, the secret nowhere, the revoked one marked
    expect(revoked.code, revoked.stderr).to.equal(0);
    expect(revoked.stdout.trim().split('\n')).to.have.length(1);
    expect(JSON.parse(revoked.stdout)).to.include({ id: short.id, email: 'ion@primarie.ro', state: 'revoked' });
    expect(listed.stdout.trim().split('\n')).to.have.length(1);
    const list = JSON.parse(listed.stdout);
    expect(list.email).to.equal('ion@primarie.ro');
    expect(list.tokens.map((x: { id: string; state: string }) => [x.id, x.state])).to.have.deep.members([[short.id, 'revoked'], [long.id, 'active']]);
    expect(listed.stdout).not.to.contain(short.token).and.not.to.contain(long.token);
  });

  it('gives an account a one-time password, printed alone on stdout, and says when the account is unknown', async () => {
    await dosar(['user', 'create', 'elena@primarie.ro', '--role', 'analyst', '--password-stdin'], 'o-parola-destul-de-lunga\n');
    const plain = await dosar(['user', 'reset-password', 'Elena@Primarie.ro']);
    expect(plain.code, plain.stderr).to.equal(0);
    expect(plain.stdout).to.match(/^[A-Za-z0-9_-]{20}\n$/); // PASSWORD=$(dosar user reset-password …) gets just the password
    expect(plain.stderr).to.contain('must be changed at the next sign-in');
    const json = JSON.parse((await dosar(['user', 'reset-password', 'elena@primarie.ro', '--json'])).stdout);
    expect(json.email).to.equal('elena@primarie.ro');
    expect(json.password).to.match(/^[A-Za-z0-9_-]{20}$/).and.not.equal(plain.stdout.trim());
    const nobody = await dosar(['user', 'reset-password', 'nimeni@primarie.ro', '--json']);
    expect(nobody.code).to.equal(1);
    expect(JSON.parse(nobody.stderr).error.code).to.equal('not-found');
  });

  it('does not revoke an unknown token nor accept a lifetime it cannot read, and says so as one JSON error', async () => {
    const unknown = await dosar(['token', 'revoke', '00000000-0000-4000-8000-000000000000', '--json']);
    expect(unknown.code).to.equal(1);
    expect(JSON.parse(unknown.stderr).error.code).to.equal('not-found');
    expect(unknown.stdout).to.equal('');
    const lifetime = await dosar(['token', 'create', 'ion@primarie.ro', '--expires-in', '10y', '--json']);
    expect(lifetime.code).to.equal(1);
    expect(JSON.parse(lifetime.stderr).error.code).to.equal('bad-input');
    const nobody = await dosar(['token', 'list', 'nimeni@primarie.ro', '--json']);
    expect(JSON.parse(nobody.stderr).error.code).to.equal('not-found');
  });

  it('lists the accounts with their role and departments, all or those of one role, and refuses an unknown role', async () => {
    // given
    await dosar(['user', 'create', 'lista@primarie.ro', '--role', 'clerk', '--name', 'Maria Lista', '--department', 'taxe', '--department', 'mediu', '--json']);
    await dosar(['user', 'create', 'cetatean-lista@exemplu.ro', '--role', 'citizen', '--json']);
    // when
    const all = JSON.parse((await dosar(['user', 'list', '--json'])).stdout).users as Array<{ email: string; role: string; departments: string[] }>;
    const clerks = JSON.parse((await dosar(['user', 'list', '--role', 'clerk', '--json'])).stdout).users as typeof all;
    const text = await dosar(['user', 'list', '--role', 'clerk']);
    const unknown = await dosar(['user', 'list', '--role', 'primar', '--json']);
    // then
    expect(all.map((u) => u.email)).to.include.members(['lista@primarie.ro', 'cetatean-lista@exemplu.ro']);
    expect(clerks.every((u) => u.role === 'clerk')).to.equal(true);
    expect(clerks.find((u) => u.email === 'lista@primarie.ro')).to.deep.include({ name: 'Maria Lista', departments: ['mediu', 'taxe'] });
    expect(clerks.map((u) => u.email)).not.to.include('cetatean-lista@exemplu.ro');
    expect(text.stdout).to.match(/^clerk +lista@primarie\.ro {2}Maria Lista {2}\(mediu, taxe\)$/m);
    expect(unknown.code).to.equal(1);
    expect(JSON.parse(unknown.stderr).error.code).to.equal('bad-input');
  });
});
