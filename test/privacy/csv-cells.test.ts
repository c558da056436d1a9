import { expect, it } from 'vitest';
import { csvCell, csvRows } from '../../src/privacy/csv-cells.js';
import { reportCsv } from '../../src/privacy/report-rows.js';

it('neutralises every cell a spreadsheet would read as a formula', () => {
  expect(csvCell('=1+1')).toBe(`"'=1+1"`);
  expect(csvCell('+1')).toBe(`"'+1"`);
  expect(csvCell('-2+3')).toBe(`"'-2+3"`);
  expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  expect(csvCell('\t=cmd')).toBe(`"'\t=cmd"`);
  expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
  expect(csvCell('plain')).toBe('"plain"');
  expect(csvCell('a=b')).toBe('"a=b"');
});

it('doubles quotes, keeps our own numbers numbers, and ends rows in CRLF', () => {
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  expect(csvCell(-3)).toBe('"-3"');
  expect(csvCell(null)).toBe('""');
  expect(csvRows([['a', 'b'], ['=1+1', 2]])).toBe(`"a","b"\r\n"'=1+1","2"\r\n`);
});

it('a report row with a hostile value in any column comes out inert', () => {
  const csv = reportCsv([{ id: '=1+1', createdAt: Date.parse('2026-11-01T10:00:00Z'), category: '@cat', tier: '+high', status: '-x', firstResponseMinutes: 12.5, resolveMinutes: null, rating: 4 }]);
  const [header, row, rest] = csv.split('\r\n');
  expect(header).toBe('"id","created","category","tier","status","first_response_minutes","resolve_minutes","rating"');
  expect(row).toBe(`"'=1+1","2026-11-01T10:00:00.000Z","'@cat","'+high","'-x","12.5","","4"`);
  expect(rest).toBe('');
});
