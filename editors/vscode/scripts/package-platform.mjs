// Packages the platform's .vsix with mlqa inside (bin/mlqa, bin/mlqa.exe on Windows), as the
// ruff and rust-analyzer extensions ship their servers. Run after `npm run compile`:
//
//   npm run package:platform -- [--binary PATH] [--target TARGET] [--out FILE]
//
// --binary defaults to the packaged build, ../../target/dist/mlqa (`cargo build --profile dist
// -p mlqa-cli`); --target to this machine's VS Code target (linux-x64, darwin-arm64,
// win32-x64, ...); --out to mlqa-TARGET.vsix. bin/ is removed afterwards.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

const exe = process.platform === 'win32' ? 'mlqa.exe' : 'mlqa';
const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch] ?? process.arch;
const target = option('--target', `${process.platform}-${arch}`);
const binary = path.resolve(option('--binary', process.env.MLQA_BINARY || path.join(here, '../../target/dist', exe)));
const out = path.resolve(option('--out', path.join(here, `mlqa-${target}.vsix`)));
const bundledName = target.startsWith('win32-') ? 'mlqa.exe' : 'mlqa';

if (!fs.existsSync(binary)) {
  console.error(`package-platform: ${binary} does not exist: build it with \`cargo build --profile dist -p mlqa-cli\` or pass --binary`);
  process.exit(2);
}
const bin = path.join(here, 'bin');
fs.rmSync(bin, { recursive: true, force: true });
fs.mkdirSync(bin);
try {
  fs.copyFileSync(binary, path.join(bin, bundledName));
  fs.chmodSync(path.join(bin, bundledName), 0o755);
  const vsce = path.join(here, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  execFileSync(vsce, ['package', '--target', target, '--allow-missing-repository', '--skip-license', '--out', out], {
    cwd: here,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  console.log(`package-platform: ${out} (${target}, bundles ${binary})`);
} finally {
  fs.rmSync(bin, { recursive: true, force: true });
}
