import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));

interface Result { code: number; stdout: string; stderr: string }

describe('dosar user create and dosar token create', function () {
  this.timeout(120_000);
  const installation = useInstallation();

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
});
