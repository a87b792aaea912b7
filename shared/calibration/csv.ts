/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, commas inside quotes) for the calibration
 * tables and for llama-bench's `-o csv`. The tables may hold line breaks inside quotes; pasted benchmark
 * output is read a line at a time instead, so a stray quote in a line around the table ends with its line.
 */
export function csvRows(text: string, quotedNewlines = true): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let field = '';
  let cells: string[] = [];
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    cells.push(field);
    if (cells.some((f) => f !== '')) rows.push({ line: start, cells });
    field = '';
    cells = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    const newline = c === '\n' || c === '\r';
    if (quoted && !(newline && !quotedNewlines)) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        field += c;
        if (c === '\n') line += 1;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(field);
      field = '';
    } else if (newline) {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      quoted = false;
      end();
      line += 1;
      start = line;
    } else field += c;
  }
  if (field !== '' || cells.length) end();
  return rows;
}

/** The calibration tables: a header row, then one record per row, by column name. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...body] = csvRows(text);
  return body.map((r) => Object.fromEntries((header?.cells ?? []).map((h, i) => [h, r.cells[i] ?? ''])));
}
