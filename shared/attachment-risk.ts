/**
 * File types that run code, or hand it to something that does, when opened: programs, scripts,
 * installers, shortcuts, Office documents in the formats that carry macros or OLE objects (the old
 * binary formats always may), web pages and SVG (script in a browser, with file-system reach as HTAs
 * or MHT), search and library descriptors, and disk images that mount and autorun. Opening one asks
 * first; saving one never runs it. Shared so the reader warns before it asks and the engine refuses
 * an unconfirmed open all the same.
 */
const EXECUTABLE_EXTENSIONS = new Set(
  // Programs, installers and packages
  (
    'app appref-ms application apk appx appxbundle bin cab chm com cpl dll exe gadget hlp inf ins isp ' +
    'jar msc msi msix msixbundle msp mst pif pkg reg run scr sys xll xpi ' +
    // Scripts
    'bat cmd command hta js jse ksh ps1 ps1xml ps2 psc1 psm1 py pyw sct sh shb vb vbe vbs ws wsc wsf wsh ' +
    // Shortcuts and shell descriptors
    'lnk library-ms scf search-ms searchconnector-ms settingcontent-ms url website ' +
    // Office formats that may carry macros or embedded objects
    'doc docm dot dotm ppa ppam pps ppsm ppt pptm pot potm rtf one onepkg sldm xla xlam xls xlsb xlsm ' +
    'xlt xltm mdb mde accde ' +
    // Web pages and images that run script
    'htm html shtml xht xhtml mht mhtml svg svgz ' +
    // Disk images that mount with their own autorun or contents outside any mark
    'dmg img iso vhd vhdx'
  ).split(' '),
);

const EXECUTABLE_TYPES =
  /^(application\/(x-msdownload|x-msdos-program|x-ms-installer|x-msi|x-executable|x-dosexec|x-sh|x-bat|x-javascript|javascript|java-archive|x-ms-shortcut|hta|vnd\.microsoft\.portable-executable|msword|vnd\.ms-(excel|powerpoint|word)[a-z0-9.-]*|rtf|xhtml\+xml|x-iso9660-image)|text\/(html|javascript|rtf)|image\/svg\+xml)$/i;

export function isExecutableAttachment(filename: string, contentType: string): boolean {
  // Windows ignores trailing dots and spaces: "invoice.exe. " runs as invoice.exe.
  const name = filename.replace(/[. ]+$/, '');
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  return (
    EXECUTABLE_EXTENSIONS.has(extension) || EXECUTABLE_TYPES.test(contentType.split(';')[0]?.trim() ?? '')
  );
}
