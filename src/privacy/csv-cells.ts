/**
 * CSV that a spreadsheet opens as data, never as formulas (OWASP "CSV injection"): a cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; every cell is quoted, quotes doubled,
 * rows end in CRLF (RFC 4180).
 *
 * @example
 * csvRows([['id', 'note'], ['RD-1', '=1+1']]) // '"id","note"\r\n"RD-1","\'=1+1"\r\n'
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  // Numbers are ours (minutes, scores), so a negative one stays a number; any text is neutralised.
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvRows(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}
