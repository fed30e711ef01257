// The mlqa extension: starts mlqa-lsp for Markdown and YAML files of a workspace with
// kb/mlqa.toml, shows coverage in the status bar, and offers "Check KB" and "Show coverage".

import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

import { coverageSummary, parseCoverage, statusText } from './coverage';

let client: LanguageClient | undefined;

function setting(name: string, fallback: string): string {
  return vscode.workspace.getConfiguration('mlqa').get<string>(name) || fallback;
}

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Runs the mlqa CLI in the workspace folder and resolves with its output, whatever its exit code. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(setting('cli.path', 'mlqa'), args, { cwd: workspaceDir(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof (error as NodeJS.ErrnoException).code === 'number' ? Number((error as NodeJS.ErrnoException).code) : error ? 2 : 0;
      resolve({ code, stdout, stderr: stderr || (error && !stdout ? String(error.message) : '') });
    });
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('mlqa');
  const serverOptions: ServerOptions = { command: setting('server.path', 'mlqa-lsp'), args: [] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.md,*.yaml,mlqa.toml}') },
    outputChannel: output,
  };
  client = new LanguageClient('mlqa', 'mlqa', serverOptions, clientOptions);

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
      status.tooltip = `mlqa coverage failed: ${result.stderr.trim() || 'is mlqa on PATH? (setting mlqa.cli.path)'}`;
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

  await client.start();
  await refresh();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
