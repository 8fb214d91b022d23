import { Parser } from 'htmlparser2';
import type { ShownLink } from '../../../shared/link-text';

/** What the analysis needs from one HTML document (a body or an HTML attachment), in one pass. */
export interface HtmlFacts {
  /** Anchors with the text they show, in document order, each target once. */
  readonly links: ShownLink[];
  /** Every address the document names: links, images, frames, scripts, form targets. */
  readonly urls: string[];
  /** Form elements, with where each posts (null: to itself). */
  readonly forms: { action: string | null }[];
  /** Inputs of type password: a form that asks for one is the classic credential harvester. */
  readonly passwordInputs: number;
}

/** Attributes that hold an address, per element ("*": any element). */
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  base: ['href'],
  img: ['src', 'srcset'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  script: ['src'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  object: ['data'],
  form: ['action'],
  button: ['formaction'],
  input: ['formaction', 'src'],
  '*': ['background'],
};

/** Anchors, resources and forms past these counts are not collected: hostile HTML can hold millions. */
const MAX_LINKS = 1000;
const MAX_URLS = 5000;
const MAX_LINK_TEXT = 300;

/** One streaming parse of the HTML (htmlparser2: no DOM is built). */
export function htmlFacts(html: string): HtmlFacts {
  const links = new Map<string, ShownLink>();
  const urls = new Set<string>();
  const forms: { action: string | null }[] = [];
  let passwordInputs = 0;
  let anchor: { target: string; text: string } | null = null;
  const addUrl = (value: string) => {
    const url = value.trim();
    if (url && urls.size < MAX_URLS) urls.add(url);
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        for (const attribute of [...(URL_ATTRIBUTES[name] ?? []), ...(URL_ATTRIBUTES['*'] ?? [])]) {
          const value = attributes[attribute];
          if (value === undefined) continue;
          if (attribute === 'srcset') {
            for (const candidate of value.split(',')) addUrl(candidate.trim().split(/\s+/)[0] ?? '');
          } else {
            addUrl(value);
          }
        }
        if (name === 'form') forms.push({ action: attributes['action']?.trim() || null });
        if (name === 'input' && attributes['type']?.toLowerCase() === 'password') passwordInputs++;
        if (name === 'a' && attributes['href']) anchor = { target: attributes['href'].trim(), text: '' };
        if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh') {
          const target = /url\s*=\s*['"]?([^'";]+)/i.exec(attributes['content'] ?? '')?.[1];
          if (target) addUrl(target);
        }
      },
      ontext(text) {
        if (anchor && anchor.text.length < MAX_LINK_TEXT) anchor.text += text;
      },
      onclosetag(name) {
        if (name !== 'a' || !anchor) return;
        const text = anchor.text.replace(/\s+/g, ' ').trim().slice(0, MAX_LINK_TEXT);
        if (!links.has(anchor.target) && links.size < MAX_LINKS)
          links.set(anchor.target, { target: anchor.target, text });
        anchor = null;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { links: [...links.values()], urls: [...urls], forms, passwordInputs };
}
