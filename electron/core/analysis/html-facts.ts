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

/**
 * Attributes that hold an address, each with the elements it does so on ("*": any element). Read in
 * this order, so that an element's addresses come in the order of its attributes here.
 */
const URL_ATTRIBUTES: readonly (readonly [string, readonly string[]])[] = Object.entries({
  href: ['a', 'area', 'link', 'base'],
  action: ['form'],
  formaction: ['button', 'input'],
  src: ['img', 'iframe', 'frame', 'embed', 'script', 'source', 'video', 'audio', 'input'],
  srcset: ['img', 'source'],
  poster: ['video'],
  data: ['object'],
  background: ['*'],
});

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
        for (const [attribute, elements] of URL_ATTRIBUTES) {
          const value = attributes[attribute];
          if (value === undefined || !(elements.includes(name) || elements.includes('*'))) continue;
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
