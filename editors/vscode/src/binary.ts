// Which mlqa the extension runs, decided without VS Code so that it is unit-tested
// (src/test/binary.test.ts): a path the user set wins, then the binary bundled in the platform's
// .vsix (bin/mlqa, bin/mlqa.exe on Windows), then `mlqa` on PATH; with none of them, a message
// that says what to do. The server is `mlqa lsp` (one binary for both), unless the user set
// `mlqa.server.path` to a server of their own (an `mlqa-lsp`, started without arguments).

import * as path from 'path';

/** What the user set (empty means not set). */
export interface Settings {
  cliPath: string;
  serverPath: string;
}

/** The machine, injected so that tests can describe any. */
export interface Host {
  platform: string;
  arch: string;
  /** The extension's folder (context.extensionPath). */
  extensionPath: string;
  /** PATH as the extension host sees it. */
  envPath: string;
  /** PATHEXT on Windows. */
  envPathExt?: string;
  isFile(file: string): boolean;
}

export type Source = 'setting' | 'bundled' | 'path';

export type Choice =
  | { ok: true; command: string; args: string[]; source: Source }
  | { ok: false; message: string };

/** Where the platform's .vsix puts the binary. */
export function bundledPath(host: Host): string {
  const exe = host.platform === 'win32' ? 'mlqa.exe' : 'mlqa';
  const join = host.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(host.extensionPath, 'bin', exe);
}

/** The first NAME on PATH (with PATHEXT's extensions on Windows), like a shell finds it. */
export function findOnPath(name: string, host: Host): string | undefined {
  const windows = host.platform === 'win32';
  const join = windows ? path.win32.join : path.posix.join;
  const extensions = windows ? ['', ...(host.envPathExt || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  for (const dir of host.envPath.split(windows ? ';' : ':')) {
    if (!dir) {
      continue;
    }
    for (const ext of extensions) {
      const candidate = join(dir, name + ext);
      if (host.isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The message when no mlqa can be found. */
export function missingMessage(host: Host): string {
  return (
    `mlqa: no mlqa executable found. This extension has no bundled binary for ${host.platform}-${host.arch} ` +
    'and mlqa is not on PATH. Install it (`pipx install mlqa-cli`, or `cargo install --path crates/mlqa-cli` ' +
    'from the repository) or set "mlqa.cli.path" to the mlqa executable, then reload the window.'
  );
}

/** A path the user set that names a file (has a folder in it) but is not there. */
function missingSetting(name: string, value: string, host: Host): Choice | undefined {
  const hasFolder = value.includes('/') || (host.platform === 'win32' && value.includes('\\'));
  if (hasFolder && !host.isFile(value)) {
    return { ok: false, message: `mlqa: the setting "${name}" is "${value}", which is not a file.` };
  }
  return undefined;
}

/** The mlqa CLI: the setting, the bundled binary, or PATH. */
export function chooseCli(settings: Settings, host: Host): Choice {
  const cli = settings.cliPath.trim();
  if (cli) {
    return missingSetting('mlqa.cli.path', cli, host) ?? { ok: true, command: cli, args: [], source: 'setting' };
  }
  const bundled = bundledPath(host);
  if (host.isFile(bundled)) {
    return { ok: true, command: bundled, args: [], source: 'bundled' };
  }
  const onPath = findOnPath('mlqa', host);
  if (onPath) {
    return { ok: true, command: onPath, args: [], source: 'path' };
  }
  return { ok: false, message: missingMessage(host) };
}

/** The language server: `mlqa.server.path` as is, otherwise `<the CLI> lsp`. */
export function chooseServer(settings: Settings, host: Host): Choice {
  const server = settings.serverPath.trim();
  if (server) {
    return missingSetting('mlqa.server.path', server, host) ?? { ok: true, command: server, args: [], source: 'setting' };
  }
  const cli = chooseCli(settings, host);
  return cli.ok ? { ...cli, args: ['lsp'] } : cli;
}
