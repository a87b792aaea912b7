// Runs Electronegativity over the Electron code and the renderer's HTML, and fails on any finding
// above INFORMATIONAL that scripts/security-scan.config.mjs does not accept with a reason.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCEPTED } from './security-scan.config.mjs';

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (a CSP sample can hold
 * all three). Splitting on newlines and commas misread such a row once, so parse it properly. The
 * same rules as test/support/csv.ts, which this plain-Node script (run before the build)
 * cannot import.
 */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);

/** The findings of a report, or null when a row does not read as one (unknown severity, no file). */
function readFindings(text) {
  const [header = [], ...rows] = parseCsv(text);
  const column = (name) => header.findIndex((h) => h.trim() === name);
  const [issue, severity, file] = [column('issue'), column('severity'), column('filename')];
  if ([issue, severity, file].includes(-1)) return null;
  const findings = rows.map((row) => ({
    check: row[issue]?.trim(),
    severity: row[severity]?.trim(),
    file: row[file]?.trim(),
    row,
  }));
  return findings.every((f) => f.check && f.file && SEVERITIES.has(f.severity)) ? findings : null;
}

const work = mkdtempSync(join(tmpdir(), 'rig-eneg-'));
try {
  // Scan a copy holding only the app's own code: main, preload and the renderer page (for its CSP).
  cpSync('electron/main', join(work, 'electron/main'), { recursive: true });
  cpSync('electron/preload', join(work, 'electron/preload'), { recursive: true });
  cpSync('renderer/index.html', join(work, 'renderer/index.html'));
  const csv = join(work, 'report.csv');
  const scan = () => {
    execFileSync(
      process.execPath,
      ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', work, '-o', csv, '-r', '-e', '45.5.0'],
      { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 },
    );
    return readFileSync(csv, 'utf8');
  };
  // One CI run once read a report row it could not split; rescan once, then say what was read.
  let report = scan();
  let findings = readFindings(report);
  if (!findings) {
    report = scan();
    findings = readFindings(report);
  }
  if (!findings) throw new Error(`the Electronegativity report could not be read:\n${report}`);
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
