import { describe, expect, it } from 'vitest';
import { isExecutableAttachment } from '../../../shared/attachment-risk';

describe('attachments that can run code', () => {
  it('include macro and legacy Office formats, web pages, scripts, shortcuts, descriptors and disk images', () => {
    const risky =
      'doc docm dot xls xlsm xlsb ppt pptm rtf one htm html svg xht mht hta js jse vbs vbe wsf ps1 bat ' +
      'cmd scr lnk url library-ms search-ms iso img vhd vhdx msi msix appx cab jar exe com pif dmg';
    for (const extension of risky.split(' ')) {
      expect(isExecutableAttachment(`invoice.${extension}`, 'application/octet-stream'), extension).toBe(
        true,
      );
      expect(isExecutableAttachment(`INVOICE.${extension.toUpperCase()}`, ''), extension).toBe(true);
    }
  });

  it('see through the trailing dots and spaces Windows ignores', () => {
    expect(isExecutableAttachment('invoice.exe.', 'application/octet-stream')).toBe(true);
    expect(isExecutableAttachment('invoice.js . ', 'application/octet-stream')).toBe(true);
  });

  it('go by the declared type too, parameters and all', () => {
    expect(isExecutableAttachment('page', 'text/html; charset=utf-8')).toBe(true);
    expect(isExecutableAttachment('logo', 'image/svg+xml')).toBe(true);
    expect(isExecutableAttachment('letter', 'application/msword')).toBe(true);
    expect(isExecutableAttachment('sheet', 'application/vnd.ms-excel.sheet.macroEnabled.12')).toBe(true);
  });

  it('leave inert documents, images and archives alone', () => {
    for (const [name, type] of [
      ['report.pdf', 'application/pdf'],
      ['photo.jpg', 'image/jpeg'],
      ['notes.txt', 'text/plain'],
      ['contract.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['figures.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['bundle.zip', 'application/zip'],
      ['message.eml', 'message/rfc822'],
      ['README', 'application/octet-stream'],
    ] as const) {
      expect(isExecutableAttachment(name, type), name).toBe(false);
    }
  });
});
