// Unit tests of the choice of binary (node:test, no VS Code needed): bundled, configured, on
// PATH, missing.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { Host, bundledPath, chooseCli, chooseServer, findOnPath } from '../binary';

function host(files: string[], over: Partial<Host> = {}): Host {
  const set = new Set(files);
  return {
    platform: 'linux',
    arch: 'x64',
    extensionPath: '/ext',
    envPath: '/usr/local/bin:/usr/bin',
    isFile: (f) => set.has(f),
    ...over,
  };
}

const unset = { cliPath: '', serverPath: '' };

test('the bundled binary is used when nothing is configured, for the server as `mlqa lsp`', () => {
  const h = host(['/ext/bin/mlqa', '/usr/bin/mlqa']);
  assert.deepEqual(chooseCli(unset, h), { ok: true, command: '/ext/bin/mlqa', args: [], source: 'bundled' });
  assert.deepEqual(chooseServer(unset, h), { ok: true, command: '/ext/bin/mlqa', args: ['lsp'], source: 'bundled' });
});

test('on Windows the bundled binary is bin\\mlqa.exe', () => {
  const h = host(['C:\\ext\\bin\\mlqa.exe'], { platform: 'win32', extensionPath: 'C:\\ext', envPath: '' });
  assert.equal(bundledPath(h), 'C:\\ext\\bin\\mlqa.exe');
  assert.deepEqual(chooseServer(unset, h), { ok: true, command: 'C:\\ext\\bin\\mlqa.exe', args: ['lsp'], source: 'bundled' });
});

test('a path the user set wins over the bundled binary', () => {
  const h = host(['/ext/bin/mlqa', '/opt/mlqa/bin/mlqa']);
  const settings = { cliPath: '/opt/mlqa/bin/mlqa', serverPath: '' };
  assert.deepEqual(chooseCli(settings, h), { ok: true, command: '/opt/mlqa/bin/mlqa', args: [], source: 'setting' });
  assert.deepEqual(chooseServer(settings, h), { ok: true, command: '/opt/mlqa/bin/mlqa', args: ['lsp'], source: 'setting' });
});

test('mlqa.server.path starts that server without arguments; the CLI is still chosen apart', () => {
  const h = host(['/ext/bin/mlqa']);
  const settings = { cliPath: '', serverPath: 'mlqa-lsp' };
  assert.deepEqual(chooseServer(settings, h), { ok: true, command: 'mlqa-lsp', args: [], source: 'setting' });
  assert.deepEqual(chooseCli(settings, h), { ok: true, command: '/ext/bin/mlqa', args: [], source: 'bundled' });
});

test('a configured path that is not a file is reported, not silently replaced', () => {
  const h = host(['/ext/bin/mlqa']);
  const cli = chooseCli({ cliPath: '/nowhere/mlqa', serverPath: '' }, h);
  assert.deepEqual(cli, { ok: false, message: 'mlqa: the setting "mlqa.cli.path" is "/nowhere/mlqa", which is not a file.' });
  const server = chooseServer({ cliPath: '', serverPath: '/nowhere/mlqa-lsp' }, h);
  assert.equal(server.ok, false);
});

test('without a bundled binary, mlqa on PATH is used', () => {
  const h = host(['/usr/bin/mlqa']);
  assert.deepEqual(chooseServer(unset, h), { ok: true, command: '/usr/bin/mlqa', args: ['lsp'], source: 'path' });
  const win = host(['D:\\tools\\mlqa.EXE'], { platform: 'win32', extensionPath: 'C:\\ext', envPath: 'C:\\x;D:\\tools', envPathExt: '.COM;.EXE' });
  assert.equal(findOnPath('mlqa', win), 'D:\\tools\\mlqa.EXE');
});

test('nothing bundled, configured or on PATH: a clear message naming the platform and the fixes', () => {
  const h = host([], { platform: 'linux', arch: 'riscv64' });
  const choice = chooseServer(unset, h);
  assert.equal(choice.ok, false);
  if (!choice.ok) {
    assert.match(choice.message, /no bundled binary for linux-riscv64/);
    assert.match(choice.message, /pipx install mlqa-cli/);
    assert.match(choice.message, /"mlqa\.cli\.path"/);
  }
  assert.deepEqual(chooseCli(unset, h), choice);
});
