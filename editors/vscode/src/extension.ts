// The mlqa extension: starts `mlqa lsp` for Markdown and YAML files of a workspace with
// kb/mlqa.toml, shows coverage in the status bar, and offers "Check KB" and "Show coverage".
// The platform's .vsix carries mlqa in bin/; which binary runs is decided in binary.ts.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

import { Choice, Host, Settings, chooseCli, chooseServer } from './binary';
import { coverageSummary, parseCoverage, statusText } from './coverage';

let client: LanguageClient | undefined;
let extensionPath = '';

function settings(): Settings {
  const config = vscode.workspace.getConfiguration('mlqa');
  return { cliPath: config.get<string>('cli.path') || '', serverPath: config.get<string>('server.path') || '' };
}

function host(): Host {
  return {
    platform: process.platform,
    arch: process.arch,
    extensionPath,
    envPath: process.env.PATH || '',
    envPathExt: process.env.PATHEXT,
    isFile: (file) => {
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
  };
}

/** A bundled binary whose executable bit was lost on the way (an unzip that drops modes). */
function ensureExecutable(choice: Choice): void {
  if (choice.ok && choice.source === 'bundled' && process.platform !== 'win32') {
    try {
      fs.accessSync(choice.command, fs.constants.X_OK);
    } catch {
      try {
        fs.chmodSync(choice.command, 0o755);
      } catch {
        // Spawning reports it.
      }
    }
  }
}

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Runs the mlqa CLI in the workspace folder and resolves with its output, whatever its exit code. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = chooseCli(settings(), host());
  if (!cli.ok) {
    return Promise.resolve({ code: 2, stdout: '', stderr: cli.message });
  }
  ensureExecutable(cli);
  return new Promise((resolve) => {
    execFile(cli.command, [...cli.args, ...args], { cwd: workspaceDir(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof (error as NodeJS.ErrnoException).code === 'number' ? Number((error as NodeJS.ErrnoException).code) : error ? 2 : 0;
      resolve({ code, stdout, stderr: stderr || (error && !stdout ? String(error.message) : '') });
    });
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  const output = vscode.window.createOutputChannel('mlqa');
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = 'mlqa.showCoverage';
  context.subscriptions.push(status, output);

  const refresh = async (): Promise<void> => {
    const result = await runCli(['coverage', '--format', 'json']);
    try {
      const report = parseCoverage(result.stdout);
      status.text = statusText(report);
      status.tooltip = coverageSummary(report);
    } catch {
      status.text = '$(error) mlqa';
      status.tooltip = `mlqa coverage failed: ${result.stderr.trim() || 'see the "mlqa" output'}`;
    }
    status.show();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('mlqa.checkKb', async () => {
      const result = await runCli(['check', '--color', 'never']);
      output.clear();
      output.append(result.stdout + result.stderr);
      output.show(true);
      const summary = result.code === 0 ? 'mlqa: all checks passed' : result.code === 1 ? 'mlqa: the KB has errors (see the output)' : 'mlqa check could not run (see the output)';
      void vscode.window.showInformationMessage(summary);
    }),
    vscode.commands.registerCommand('mlqa.showCoverage', async () => {
      const result = await runCli(['coverage', '--format', 'json']);
      try {
        output.clear();
        output.appendLine(coverageSummary(parseCoverage(result.stdout)));
      } catch {
        output.appendLine(result.stderr || result.stdout);
      }
      output.show(true);
    }),
    vscode.workspace.onDidSaveTextDocument(() => void refresh()),
  );

  // No mlqa at all (no bundled binary for this platform, nothing configured or on PATH): say
  // so once, with what to do, and start nothing; the commands repeat the message.
  const server = chooseServer(settings(), host());
  if (!server.ok) {
    output.appendLine(server.message);
    status.text = '$(error) mlqa';
    status.tooltip = server.message;
    status.show();
    void vscode.window.showErrorMessage(server.message);
    return;
  }
  ensureExecutable(server);
  output.appendLine(`mlqa: starting ${server.command} ${server.args.join(' ')} (${server.source})`);
  const serverOptions: ServerOptions = { command: server.command, args: server.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
    ],
    // The server asks for the `mlqa` section (rule selection and levels) before it loads the
    // KB, and gets it again whenever it changes.
    synchronize: {
      configurationSection: 'mlqa',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.md,*.yaml,mlqa.toml}'),
    },
    outputChannel: output,
  };
  client = new LanguageClient('mlqa', 'mlqa', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    // A binary that is not a working `mlqa lsp` (an old mlqa, a wrong path): say so where the
    // user looks, instead of failing the activation with nothing shown.
    const message = `mlqa: the language server (${server.command} ${server.args.join(' ')}) did not start: ${String(error)}. Check mlqa.cli.path / mlqa.server.path.`;
    output.appendLine(message);
    status.text = '$(error) mlqa';
    status.tooltip = message;
    status.show();
    void vscode.window.showErrorMessage(message);
    return;
  }
  await refresh();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
