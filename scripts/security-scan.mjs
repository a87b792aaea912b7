// Runs Electronegativity over the Electron code and the renderer's HTML, and fails on any finding
// above INFORMATIONAL that scripts/security-scan.config.mjs does not accept with a reason.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPTED } from './security-scan.config.mjs';

const work = mkdtempSync(join(tmpdir(), 'rig-eneg-'));
try {
  // Scan a copy holding only the app's own code: main, preload and the renderer page (for its CSP).
  cpSync('electron/main', join(work, 'electron/main'), { recursive: true });
  cpSync('electron/preload', join(work, 'electron/preload'), { recursive: true });
  cpSync('renderer/index.html', join(work, 'renderer/index.html'));
  const csv = join(work, 'report.csv');
  execFileSync(
    process.execPath,
    ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', work, '-o', csv, '-r', '-e', '45.5.0'],
    {
      stdio: ['ignore', 'ignore', 'ignore'],
      timeout: 300_000,
    },
  );
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  const findings = rows.map((row) => {
    const [check, severity, , file] = row
      .match(/("([^"]*)"|[^,]+)/g)
      .map((c) => c.replace(/^"|"$/g, '').trim());
    return { check, severity, file, row };
  });
  const serious = findings.filter((f) => f.severity !== 'INFORMATIONAL');
  const rejected = serious.filter(
    (f) => !ACCEPTED.some((a) => a.check === f.check && a.file.endsWith(f.file)),
  );
  for (const f of serious)
    console.log(`${rejected.includes(f) ? 'FAIL' : 'accepted'} ${f.severity} ${f.check} ${f.file}`);
  console.log(
    `electronegativity: ${findings.length} findings, ${serious.length} above informational, ${rejected.length} not accepted`,
  );
  process.exitCode = rejected.length === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
