import type { Indicator } from '../../../shared/analysis';
import { isExecutableAttachment } from '../../../shared/attachment-risk';
import type { AttachmentFacts } from './attachment-facts';
import type { HtmlFacts } from './html-facts';

/**
 * What an attachment's name and bytes say: content that is not what its extension claims, a
 * double extension, macros, an archive that needs a password (so no scanner saw inside), an HTML
 * file with a form. Each indicator names the attachment and the bytes or name it rests on.
 */
export function attachmentIndicators(
  attachments: readonly AttachmentFacts[],
  /** The HTML attachments, parsed once by the caller. */
  htmlOf: (facts: AttachmentFacts) => HtmlFacts | undefined,
): Indicator[] {
  const indicators: Indicator[] = [];
  for (const facts of attachments) {
    const add = (kind: Indicator['kind'], strength: Indicator['strength'], title: string, text: string) =>
      indicators.push({ kind, strength, title, evidence: [{ text, header: null, attachment: facts.label }] });
    const extension = extensionOf(facts.filename);

    const detected = facts.detectedExtension;
    const runs = detected !== null && isExecutableAttachment(`x.${detected}`, facts.detectedType ?? '');
    if (detected && ((extension && !compatible(extension, detected)) || (!extension && runs))) {
      add(
        'content-type-mismatch',
        runs ? 'strong' : 'moderate',
        `“${facts.filename}” is not what its name says`,
        `${extension ? `Named .${extension}` : 'It has no extension'}, but its first bytes are ${facts.detectedType ?? detected} (.${detected}).`,
      );
    }
    const double = doubleExtension(facts.filename);
    if (double) {
      add(
        'double-extension',
        'strong',
        `“${facts.filename}” hides its real type behind a second extension`,
        `Shown as .${double.shown}, but it is a .${double.real} file, which runs code when opened.`,
      );
    }
    if (MACRO_EXTENSIONS.has(extension ?? '') || facts.vbaProject) {
      add(
        'macro-enabled',
        facts.vbaProject ? 'strong' : 'moderate',
        `“${facts.filename}” is a macro-enabled Office file`,
        facts.vbaProject
          ? 'It contains a VBA project (vbaProject.bin): macros that can run when it is opened.'
          : `The .${extension} format is the macro-enabled one.`,
      );
    }
    if (facts.encryptedZip) {
      add(
        'encrypted-archive',
        'moderate',
        `“${facts.filename}” is a password-protected archive`,
        'Its first ZIP entry is encrypted: mail scanners cannot look inside, and the password is usually in the message.',
      );
    }
    const html = htmlOf(facts);
    if (html) {
      if (html.forms.length > 0) {
        const actions = html.forms.map((form) => form.action ?? '(itself)').join(', ');
        add(
          'html-form',
          html.passwordInputs > 0 ? 'strong' : 'moderate',
          `“${facts.filename}” is a web page with a form`,
          `${html.forms.length} form${html.forms.length === 1 ? '' : 's'} posting to ${actions}` +
            (html.passwordInputs > 0
              ? `, asking for a password (${html.passwordInputs} password field).`
              : '.'),
        );
      }
    } else if (
      !double &&
      isExecutableAttachment(facts.filename, facts.contentType) &&
      !MACRO_EXTENSIONS.has(extension ?? '')
    ) {
      add(
        'executable-attachment',
        'moderate',
        `“${facts.filename}” can run code when opened`,
        `The .${extension ?? '?'} type (${facts.contentType}) runs code or hands it to something that does.`,
      );
    }
  }
  return indicators;
}

export function isHtml(
  facts: Pick<AttachmentFacts, 'contentType' | 'filename'>,
  extension = extensionOf(facts.filename),
): boolean {
  return facts.contentType === 'text/html' || HTML_EXTENSIONS.has(extension ?? '');
}

const HTML_EXTENSIONS = new Set(['htm', 'html', 'shtml', 'xhtml', 'xht']);

const MACRO_EXTENSIONS = new Set([
  'docm',
  'dotm',
  'xlsm',
  'xltm',
  'xlam',
  'pptm',
  'potm',
  'ppsm',
  'ppam',
  'sldm',
]);

/** Extensions that may honestly hold what file-type reports (a .docx is a ZIP, a .doc is OLE2…). */
const SAME_CONTENT: readonly (readonly string[])[] = [
  ['jpg', 'jpeg', 'jpe', 'jfif'],
  ['tif', 'tiff'],
  ['htm', 'html', 'shtml', 'xhtml', 'xht'],
  ['mp4', 'm4v', 'm4a'],
  ['xml', 'svg', 'xhtml', 'rss', 'xsl', 'kml', 'config'],
  ['mp3', 'mpga'],
  ['gz', 'tgz', 'gzip'],
];
/** Containers: a ZIP or OLE2 file can legitimately be any of these. */
const ZIP_BASED = new Set(
  'zip docx docm dotx dotm xlsx xlsm xltx xltm xlam pptx pptm potx potm ppsx ppsm ppam sldx sldm odt ods odp odg jar apk xpi epub vsdx msix appx 3mf kmz ipa nupkg whl'.split(
    ' ',
  ),
);
const OLE_BASED = new Set('cfb doc dot xls xlt xla ppt pot pps msg msi vsd pub mpp one'.split(' '));

function compatible(extension: string, detected: string): boolean {
  if (extension === detected) return true;
  if (ZIP_BASED.has(extension) && ZIP_BASED.has(detected)) return true;
  if (OLE_BASED.has(extension) && OLE_BASED.has(detected)) return true;
  return SAME_CONTENT.some((group) => group.includes(extension) && group.includes(detected));
}

export function extensionOf(filename: string): string | null {
  const name = filename.replace(/[. ]+$/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

/** Extensions people trust on sight, used as a disguise in front of the real one. */
const DISGUISES = new Set(
  'pdf doc docx xls xlsx ppt pptx txt rtf jpg jpeg png gif bmp mp3 mp4 wav zip csv odt'.split(' '),
);

/** "invoice.pdf.exe", "scan.pdf      .js": a harmless-looking extension before one that runs. */
function doubleExtension(filename: string): { shown: string; real: string } | null {
  const name = filename.replace(/[. ]+$/, '');
  const match = /\.([a-z0-9]{2,5})\s*\.([a-z0-9-]{1,20})$/i.exec(name);
  if (!match?.[1] || !match[2]) return null;
  const [shown, real] = [match[1].toLowerCase(), match[2].toLowerCase()];
  if (!DISGUISES.has(shown) || DISGUISES.has(real)) return null;
  return isExecutableAttachment(name, '') ? { shown, real } : null;
}
