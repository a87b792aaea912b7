/** Saving the checklist from the renderer: a Markdown download through a Blob URL, and its file name. */

/** `checklist-llama-3.1-70b-Q4_K_M`: safe on every file system. */
export function checklistBaseName(modelId: string, quant: string): string {
  return `checklist-${modelId}-${quant}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120);
}

/** Offers `text` as a download (no dialog in a browser; Electron asks where). */
export function downloadText(text: string, fileName: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
