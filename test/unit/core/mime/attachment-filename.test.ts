import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from '../../../../electron/core/mime/attachment-filename';

describe('sanitizeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['C:\\Users\\me\\report.doc', 'report.doc'],
    ['dir/', 'dir'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['a\u2066b\u2069c\u200E\u200F.txt', 'abc.txt'],
    ['tab\there\u0000nul\u001b.txt', 'tabherenul.txt'],
    ['.bashrc', 'bashrc'],
    ['...hidden', 'hidden'],
    ['trailing. . .', 'trailing'],
    ['  spaced name.txt  ', 'spaced name.txt'],
    ['what?<is>this*.txt', 'what__is_this_.txt'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1.log', '_com1.log'],
    ['console.txt', 'console.txt'],
    ['Équipe.pdf', 'Équipe.pdf'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeFilename(input, 'application/octet-stream')).toBe(expected);
  });

  it('names an unnamed or emptied attachment after its content type', () => {
    expect(sanitizeFilename(undefined, 'application/pdf')).toBe('attachment.pdf');
    expect(sanitizeFilename('', 'image/png')).toBe('attachment.png');
    expect(sanitizeFilename('../..', 'text/plain')).toBe('attachment.txt');
    expect(sanitizeFilename('\u202E', 'application/x-unknown-thing')).toBe('attachment.bin');
  });

  it('caps the length at 200 characters and keeps the extension', () => {
    const long = `${'x'.repeat(300)}.pdf`;
    const safe = sanitizeFilename(long, 'application/pdf');
    expect(safe).toHaveLength(200);
    expect(safe.endsWith('.pdf')).toBe(true);
  });

  it('never splits a surrogate pair when capping, and stays within 240 UTF-8 bytes', () => {
    const safe = sanitizeFilename('😀'.repeat(250), 'application/octet-stream');
    expect(safe).toBe('😀'.repeat(60));
    const cjk = sanitizeFilename(`${'請求書'.repeat(100)}.pdf`, 'application/pdf');
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(240);
    expect(cjk.endsWith('.pdf')).toBe(true);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['CON', '_CON'],
    ['NUL.txt', '_NUL.txt'],
    ['a/b\\c:d*e?f"g<h>i|j.txt', 'c_d_e_f_g_h_i_j.txt'],
  ])('hostile name %j saves as %j', (input, expected) => {
    expect(sanitizeFilename(input, 'application/octet-stream')).toBe(expected);
  });
});
