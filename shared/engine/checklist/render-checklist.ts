/** The checklist as Markdown (to save or paste) and as print-ready HTML (for Print and Save as PDF). */
import type { Checklist, ChecklistSection } from './build-checklist';

const STATUS_MARK: Record<string, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  unknown: '❔ unknown',
};

function mdSection(section: ChecklistSection): string[] {
  const lines = [`## ${section.title}`, ''];
  for (const item of section.items) {
    if ('code' in item) lines.push('```sh', item.code, '```');
    else lines.push(`- [${item.done ? 'x' : ' '}] ${item.text}`);
  }
  return [...lines, ''];
}

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function checklistMarkdown(list: Checklist): string {
  const checks = [
    '## Checks',
    '',
    '| area | check | status | why | fix |',
    '|---|---|---|---|---|',
    ...list.checks.map(
      (c) => `| ${c.area} | ${c.id} | ${STATUS_MARK[c.status]} | ${mdCell(c.reason)} | ${mdCell(c.fix)} |`,
    ),
    '',
  ];
  return [`# ${list.title}`, '', list.summary, '', ...checks, ...list.sections.flatMap(mdSection)].join('\n');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
pre{background:#f4f4f4;padding:.6rem;white-space:pre-wrap;word-break:break-all;border-radius:4px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}
li{list-style:none}li::before{content:"☐ ";}.pass{color:#0a7}.warn{color:#b60}.fail{color:#c00}.unknown{color:#666}@media print{body{margin:0}pre{break-inside:avoid}h2{break-after:avoid}}`;

function htmlSection(section: ChecklistSection): string {
  const body = section.items
    .map((item) =>
      'code' in item ? `<pre>${escapeHtml(item.code)}</pre>` : `<li>${escapeHtml(item.text)}</li>`,
    )
    .join('\n');
  return `<section><h2>${escapeHtml(section.title)}</h2><ul>${body}</ul></section>`;
}

export function checklistHtml(list: Checklist): string {
  const rows = list.checks
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.area)}</td><td>${escapeHtml(c.id)}</td><td class="${c.status}">${escapeHtml(STATUS_MARK[c.status] ?? c.status)}</td><td>${escapeHtml(c.reason)}</td><td>${escapeHtml(c.fix)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(list.title)}</title><style>${CSS}</style></head><body>
<h1>${escapeHtml(list.title)}</h1><p>${escapeHtml(list.summary)}</p>
<section><h2>Checks</h2><table><thead><tr><th>area</th><th>check</th><th>status</th><th>why</th><th>fix</th></tr></thead><tbody>${rows}</tbody></table></section>
${list.sections.map(htmlSection).join('\n')}
</body></html>`;
}
