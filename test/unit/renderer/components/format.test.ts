import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatFullDate,
  formatListDate,
  plural,
  senderLabel,
  subjectLabel,
} from '../../../../renderer/src/components/format';

/** What the list, the reader and the status bar print: sizes, dates, senders, subjects. */

describe('formatListDate', () => {
  const now = new Date(2026, 10, 12, 15, 0);

  it('gives the time today, day and month this year, and the year otherwise', () => {
    expect(formatListDate(new Date(2026, 10, 12, 9, 5).toISOString(), now)).toMatch(/9.05/);
    expect(formatListDate(new Date(2026, 2, 3, 9, 5).toISOString(), now)).toBe('3 Mar');
    expect(formatListDate(new Date(2025, 10, 12, 9, 5).toISOString(), now)).toBe('12 Nov 2025');
    expect(formatListDate(new Date(2027, 0, 1, 9, 5).toISOString(), now)).toBe('1 Jan 2027');
  });

  it('shows a dash, not "Invalid Date", for a missing or broken date', () => {
    expect(formatListDate(null, now)).toBe('—');
    expect(formatListDate('yesterday-ish', now)).toBe('—');
    expect(formatFullDate('yesterday-ish')).toBe('No date');
    expect(formatFullDate(new Date(2026, 10, 12).toISOString())).toMatch(/2026/);
  });
});

describe('formatBytes', () => {
  it('keeps about three significant digits in every unit', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200 * 1024)).toBe('200 KB');
    expect(formatBytes(5.25 * 1024 ** 2)).toBe('5.3 MB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MB');
    expect(formatBytes(2.5 * 1024 ** 3)).toBe('2.5 GB');
  });
});

describe('labels', () => {
  it('names the sender by name, else address, and counts the others', () => {
    expect(senderLabel([])).toBe('(no sender)');
    expect(senderLabel([{ name: ' ', address: 'a@contoso.com' }])).toBe('a@contoso.com');
    expect(
      senderLabel([
        { name: 'Alice', address: 'a@contoso.com' },
        { name: 'Bob', address: 'b@contoso.com' },
      ]),
    ).toBe('Alice +1');
    expect(senderLabel([{ name: '', address: '' }])).toBe('(no sender)');
  });

  it('gives an empty subject a visible placeholder', () => {
    expect(subjectLabel('  ')).toBe('(no subject)');
    expect(subjectLabel('Invoice')).toBe('Invoice');
  });

  it('picks singular or plural by count', () => {
    expect(plural(1, 'message', 'messages')).toBe('1 message');
    expect(plural(0, 'message', 'messages')).toBe('0 messages');
  });
});
