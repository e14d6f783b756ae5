import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { CLI_TIMEOUT, useInstallation } from '../support/installation.ts';

const bin = fileURLToPath(new URL('../../bin/dosar.js', import.meta.url));
const petition = fileURLToPath(new URL('../fixtures/bpmn/petition.bpmn', import.meta.url));
// The petition's answer step names send-answer: the CLI loads it from the installation's handlers.
const handlers = fileURLToPath(new URL('../fixtures/handlers', import.meta.url));

interface Result { code: number; stdout: string; stderr: string }

/** The CLI exactly as people and scripts run it: a separate process per command. */
describe('dosar CLI', function () {
  this.timeout(CLI_TIMEOUT);
  const installation = useInstallation({ DOSAR_CLOCK: 'manual', DOSAR_HANDLERS: handlers }, { migrated: true });

  function dosar(...args: string[]): Promise<Result> {
    return dosarWith(installation.env, ...args);
  }

  function dosarWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Result> {
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env, cwd: installation.dir }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  async function json(...args: string[]): Promise<any> {
    const r = await dosar(...args, '--json');
    expect(r.code, r.stderr).to.equal(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines, 'exactly one JSON object').to.have.length(1);
    return JSON.parse(lines[0]!);
  }

  it('deploys, starts, lists, completes, correlates, ticks and shows an instance', async () => {
    const deployed = await json('deploy', petition, '--at', '2026-03-02T08:00:00Z');
    expect(deployed.deployed).to.have.length(1);
    expect(deployed.deployed[0]).to.have.keys('key', 'version', 'id');
    expect(deployed.deployed[0]).to.include({ key: 'petition', version: 1 });

    const started = await json('start', 'petition', '--vars', '{"subject":"Stâlp căzut"}', '--business-key', 'REG-9', '--at', '2026-03-02T08:00:00Z');
    expect(started.status).to.equal('active');

    const { tasks } = await json('tasks', '--group', 'registratura');
    expect(tasks).to.have.length(1);
    expect(tasks[0]).to.have.keys('id', 'instanceId', 'elementId', 'name', 'candidateGroups', 'assignee', 'due');
    expect(tasks[0]).to.include({ instanceId: started.id, elementId: 'triage', name: 'Triere', assignee: null, due: '2026-03-07T08:00:00.000Z' });
    expect(tasks[0].candidateGroups).to.deep.equal(['registratura']);

    await json('complete', tasks[0].id, '--vars', '{"department":"drumuri","anonymous":false}', '--at', '2026-03-03T08:00:00Z');
    const correlated = await json('correlate', 'documents-received', '--business-key', 'REG-9', '--vars', '{"pages":4}', '--at', '2026-03-04T08:00:00Z');
    expect(correlated.instanceId).to.equal(started.id);

    const tick = await json('tick', '--at', '2026-03-10T08:00:00Z');
    expect(tick).to.deep.equal({ timers: 0, jobs: 0, signals: 0 });

    const view = await json('instance', started.id);
    expect(view).to.include({ id: started.id, key: 'petition', version: 1, status: 'active' });
    expect(view.active).to.deep.equal(['resolve']);
    expect(view.variables).to.deep.include({ subject: 'Stâlp căzut', pages: 4 });
    expect(view.events[0]).to.deep.equal({ type: 'instance.started', at: '2026-03-02T08:00:00.000Z' });
  });

  it('refuses a bad model with exit code 1 and its problems as JSON on stderr', async () => {
    const bad = join(installation.dir, 'bad.bpmn');
    await writeFile(bad, '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="bad" isExecutable="true"><bpmn:complexGateway id="script" /></bpmn:process></bpmn:definitions>');
    const r = await dosar('deploy', bad, '--json');
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal('');
    const { error } = JSON.parse(r.stderr);
    expect(error.code).to.equal('definition-invalid');
    expect(error.problems.some((p: any) => p.elementId === 'script')).to.equal(true);
    for (const p of error.problems) expect(p).to.have.keys('code', 'elementId', 'message');
  });

  it('refuses hostile XML without a stack trace', async () => {
    const evil = join(installation.dir, 'evil.bpmn');
    await writeFile(evil, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&e;</bpmn:definitions>');
    const r = await dosar('deploy', evil);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^dosar: /);
    expect(r.stderr).not.to.match(/\n\s+at /);
  });

  it('refuses --at unless the clock is manual', async () => {
    installation.env.DOSAR_CLOCK = '';
    const r = await dosar('tick', '--at', '2026-01-01T00:00:00Z', '--json');
    installation.env.DOSAR_CLOCK = 'manual';
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.stderr).error.code).to.equal('bad-input');
  });

  it('answers unknown commands, ids and bad JSON with clear errors', async () => {
    expect((await dosar('frobnicate')).code).to.equal(1);
    const badVars = await dosar('start', 'petition', '--vars', '{nope', '--json');
    expect(JSON.parse(badVars.stderr).error.code).to.equal('variables-invalid');
    const unknownTask = await dosar('complete', randomUUID(), '--json');
    expect(JSON.parse(unknownTask.stderr).error.code).to.equal('task-not-found');
    const unknownInstance = await dosar('instance', randomUUID(), '--json');
    expect(JSON.parse(unknownInstance.stderr).error.code).to.equal('instance-not-found');
    expect(JSON.parse((await dosar('instance', '123', '--json')).stderr).error.message).to.equal('"123" is not an instance id');
    for (const args of [['tasks', '--group', '--json'], ['tasks', '--json', '--group']]) {
      expect(JSON.parse((await dosar(...args)).stderr).error).to.deep.equal({ code: 'bad-input', message: "Option '--group' needs a value" });
    }
    expect(JSON.parse((await dosar('tasks', '--bogus', '--json')).stderr).error.message).to.equal("Unknown option '--bogus'");
  });

  it('says why a data folder cannot hold the embedded database, with no stack trace', async () => {
    // given a DOSAR_DATA_DIR that is a file, and one below a file
    const file = join(installation.dir, 'not-a-folder');
    await writeFile(file, 'x');
    for (const [dir, why] of [[file, 'a file has its name'], [join(file, 'data'), 'part of the path is a file']] as const) {
      // when a command opens it
      const r = await dosarWith({ ...installation.env, DATABASE_URL: '', DOSAR_DATA_DIR: dir }, 'tasks', '--json');
      // then
      expect(r.code).to.equal(1);
      expect(JSON.parse(r.stderr).error).to.deep.equal({ code: 'bad-input', message: `The embedded database cannot use the folder ${dir} (DOSAR_DATA_DIR): ${why}.` });
    }
  });
});
