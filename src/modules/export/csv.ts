/**
 * CSV cells and the row stream of an export: values as the query returns them (runner.ts's
 * conversion), written by csv-stringify (quoting), with spreadsheet formula injection defused.
 */
import { pipeline, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** What a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number (what the runner returns as text when a double cannot hold it): data, not a formula. */
const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * One cell's text. A string that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading `'`; numbers stay numbers, negative ones
 * included, and so does the exact text of a number too large for a double.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return FORMULA_START.test(value) && !NUMERIC_TEXT.test(value) ? `'${value}` : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  return csvCell(JSON.stringify(value));
}

/**
 * The CSV text of rows (arrays) under a header line, as a stream of text chunks. Cells are cast by
 * csv-stringify itself (one stage, no copy of each row): per row fewer objects for the collector,
 * which keeps a million-row export's memory lower than a separate transform did.
 */
export function csvStream(header: readonly string[], rows: Readable): Readable {
  const csv = stringify({
    eof: true,
    record_delimiter: 'unix',
    cast: { string: csvCell, number: csvCell, bigint: csvCell, boolean: csvCell, date: csvCell, object: csvCell },
  });
  csv.write(header.map(csvCell));
  // Any end before the last row (an error, or the consumer destroying the CSV) destroys every
  // stream of the chain, the rows' source included; the consumer sees the error on the CSV.
  return pipeline(rows, csv, () => {});
}
