/**
 * File types that run code when opened (programs, scripts, installers, shortcuts, macro documents,
 * disk images that mount and autorun). Opening one asks first; saving one never runs it. Shared so
 * the reader warns before it asks and the engine refuses an unconfirmed open all the same.
 */
const EXECUTABLE_EXTENSIONS = new Set(
  (
    'app appref-ms application apk bat bin cab chm cmd com command cpl dll dmg docm dotm exe gadget ' +
    'hta img inf ins iso isp jar js jse ksh lnk mht mhtml msc msi msix msp mst one pif pkg potm ppam ' +
    'ppsm pptm ps1 ps1xml ps2 psc1 psm1 py pyw reg run scf scr sct settingcontent-ms sh shb svg sys ' +
    'url vb vbe vbs vhd vhdx website ws wsc wsf wsh xlam xll xlsm xltm xpi'
  ).split(' '),
);

const EXECUTABLE_TYPES =
  /^application\/(x-msdownload|x-msdos-program|x-ms-installer|x-msi|x-executable|x-dosexec|x-sh|x-bat|x-javascript|javascript|java-archive|x-ms-shortcut|hta|vnd\.microsoft\.portable-executable)$/i;

export function isExecutableAttachment(filename: string, contentType: string): boolean {
  const dot = filename.lastIndexOf('.');
  const extension = dot >= 0 ? filename.slice(dot + 1).toLowerCase() : '';
  return EXECUTABLE_EXTENSIONS.has(extension) || EXECUTABLE_TYPES.test(contentType.trim());
}
