import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/modules/export/csv.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

describe('csvCell', () => {
  it('prefixes every string a spreadsheet would read as a formula with a quote', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRIGGERS), fc.string(), (first, rest) => {
        const text = first + rest;
        fc.pre(!/^-?\d+(?:\.\d+)?$/.test(text));
        expect(csvCell(text)).toBe(`'${text}`);
      }),
    );
  });

  it('leaves other strings as they are', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(text === '' || !TRIGGERS.includes(text[0]!));
        expect(csvCell(text)).toBe(text);
      }),
    );
  });

  it('keeps numbers numbers, negative ones and exact decimal text included', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(csvCell(n)).toBe(String(n));
      }),
    );
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('-12345678901234567890.125')).toBe('-12345678901234567890.125');
    expect(csvCell('-1e5')).toBe("'-1e5");
  });

  it('writes null as empty, booleans as words and objects as JSON (escaped too)', () => {
    expect([csvCell(null), csvCell(undefined), csvCell(true), csvCell(false)]).toEqual(['', '', 'true', 'false']);
    expect(csvCell({ a: 1 })).toBe('{"a":1}');
    expect(csvCell(['=x'])).toBe('["=x"]');
  });
});
