import {
  type CSSToken,
  isTokenAtKeyword,
  isTokenBadURL,
  isTokenCloseParen,
  isTokenEOF,
  isTokenFunction,
  isTokenOpenParen,
  isTokenSemicolon,
  isTokenString,
  isTokenURL,
  tokenize,
} from '@csstools/css-tokenizer';
import DOMPurify from 'dompurify';
import { FRAME_KEYS_SCRIPT, frameContentSecurityPolicy } from '../../../../shared/frame';
import type { InlineImage } from '../../../../shared/model';

/**
 * Turns a message's own HTML (hostile until proven otherwise) into the document the reader's
 * frame loads from the frame origin (shared/frame.ts). Layers against scripts:
 *   1. DOMPurify with a strict profile (no scripts, frames, plugins, forms, metadata elements,
 *      event handlers, script-capable URLs), plus our own URL policy for every resource reference;
 *   2. the frame's own CSP, the first element of its <head> and its response header, which allows
 *      no script but our key forwarder (by hash) and no remote loads (images from http/https only
 *      after the user asked, for this message);
 *   3. the sandbox (attribute and header): scripts only, so no same origin, no navigation of the
 *      app, no popups, no forms.
 * Links are made inert: the frame can neither navigate nor run a click handler, so a link keeps its
 * text and shows its real target as a tooltip instead of pretending to work.
 *
 * Remote references (http, https, protocol-relative) in src, srcset, background, poster, SVG hrefs
 * and CSS url()/image-set() are removed unless `allowRemote`, and counted either way so the reader
 * can offer "Load remote content". `cid:` references resolve to the message's inline images.
 */

export interface SanitizeOptions {
  /** Keep http(s) images and CSS backgrounds: the user chose to load remote content for this message. */
  allowRemote: boolean;
  /** The message's inline parts, referenced from the HTML as cid:<contentId>. */
  inlineImages: readonly InlineImage[];
}

export interface SanitizedMessage {
  /** A complete HTML document for the message frame, starting with its CSP. */
  html: string;
  /** Remote references found (removed unless allowRemote). */
  remoteCount: number;
  /** Links made inert (their targets are in their tooltips). */
  linkCount: number;
  /** Each distinct link target with the text shown for it, in document order (at most 200). */
  links: MessageLink[];
}

export interface MessageLink {
  /** What the message shows (which may claim another address than the target). */
  text: string;
  /** Where the link really goes, as written in the message. */
  target: string;
}

const MAX_LINKS = 200;

const FORBID_TAGS = [
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'fencedframe',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'meta',
  'link',
  'base',
  'title',
  'noscript',
  'template',
];

// Attributes that only make sense with scripts, forms or navigation, or that fetch on their own.
const FORBID_ATTR = [
  'action',
  'formaction',
  'ping',
  'target',
  'srcdoc',
  'lowsrc',
  'dynsrc',
  'manifest',
  'http-equiv',
];

/** Attributes that make the browser fetch something as soon as the document renders. */
const RESOURCE_ATTRS = ['src', 'background', 'poster', 'href', 'xlink:href', 'data'];

/** Styling for the frame: readable defaults for mail that brings none, never overriding mail that does. */
const FRAME_BASE_CSS = [
  'html{background:#fff;color:#1f2328;color-scheme:light}',
  'body{margin:0;padding:16px 20px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}',
  'img{max-width:100%;height:auto}',
  'pre{white-space:pre-wrap}',
  'blockquote{margin:0 0 0 .8em;padding-left:.8em;border-left:2px solid #d0d7de;color:#57606a}',
  // Links are inert (no href), so the browser's own link style no longer applies: restore it at zero
  // specificity (the message's own link colours still win) and hint that hovering shows the target.
  ':where(a[data-mailscope-link]){color:#0b57d0;text-decoration:underline;cursor:help}',
].join('');

function trimControls(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

type UrlKind = 'cid' | 'data-image' | 'remote' | 'fragment' | 'other';

function classifyUrl(raw: string): UrlKind {
  // Browsers drop ASCII tab/newline anywhere in a URL and trim C0 controls and spaces; so must we,
  // or "java\tscript:" and " https://" slip past the checks.
  const url = trimControls(raw.replace(/[\t\n\r]/g, ''));
  const lower = url.toLowerCase();
  if (lower.startsWith('cid:')) return 'cid';
  if (/^data:image\/[a-z0-9.+-]+[;,]/.test(lower)) return 'data-image';
  if (
    lower.startsWith('http:') ||
    lower.startsWith('https:') ||
    url.startsWith('//') ||
    url.startsWith('\\\\')
  ) {
    return 'remote';
  }
  if (url.startsWith('#')) return 'fragment';
  return 'other';
}

function normaliseContentId(value: string): string {
  let id = value.trim();
  try {
    id = decodeURIComponent(id);
  } catch {
    // Not percent-encoded after all: use as is.
  }
  return id.replace(/^<|>$/g, '').toLowerCase();
}

interface UrlPolicy {
  allowRemote: boolean;
  images: ReadonlyMap<string, string>;
  remote: number;
}

/** The URL to keep for a resource reference, or null to drop it. Counts remote references. */
function resourceUrl(raw: string, policy: UrlPolicy): string | null {
  switch (classifyUrl(raw)) {
    case 'cid':
      return policy.images.get(normaliseContentId(raw.trim().slice(4))) ?? null;
    case 'data-image':
      return raw.trim();
    case 'remote':
      policy.remote += 1;
      return policy.allowRemote ? raw.trim() : null;
    case 'fragment':
    case 'other':
      // Relative URLs would resolve against the frame origin, which serves nothing but frames.
      return null;
  }
}

/** srcset: "url [descriptor], url [descriptor]"; URLs (data: ones too) may contain commas. */
function rewriteSrcset(value: string, policy: UrlPolicy): string | null {
  const kept: string[] = [];
  let pos = 0;
  while (pos < value.length) {
    while (pos < value.length && /[\s,]/.test(value[pos] ?? '')) pos++;
    if (pos >= value.length) break;
    let end = pos;
    while (end < value.length && !/\s/.test(value[end] ?? '')) end++;
    let url = value.slice(pos, end);
    let descriptor = '';
    pos = end;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      const start = pos;
      while (pos < value.length) {
        const ch = value[pos];
        if (ch === '(') depth++;
        else if (ch === ')') depth = Math.max(0, depth - 1);
        else if (ch === ',' && depth === 0) break;
        pos++;
      }
      descriptor = value.slice(start, pos).trim();
      pos++;
    }
    const keep = resourceUrl(url, policy);
    if (keep) kept.push(descriptor ? `${keep} ${descriptor}` : keep);
  }
  return kept.length ? kept.join(', ') : null;
}

/** Functions whose string argument is a URL the browser fetches: url("…") and CSS Values' src("…"). */
const URL_FUNCTIONS: ReadonlySet<string> = new Set(['url', 'src']);

/** Functions whose bare string arguments are image URLs: image-set("a.png" 1x, url(b.png) 2x). */
const IMAGE_SET_FUNCTIONS: ReadonlySet<string> = new Set(['image-set', '-webkit-image-set', 'image']);

/**
 * CSS from style attributes and <style> elements. Read with a CSS Syntax tokeniser, so escapes mean
 * what they mean to the browser: `\75 rl(`, `@\69mport`, a backslash-newline continuing a string
 * (`url("https://host/\⏎x.png")`) and `\:` all arrive decoded. @import is dropped (it fetches
 * stylesheets); every url(), src() and image-set() goes through the same policy as src attributes.
 * Everything else is written back exactly as it came.
 */
function rewriteCss(css: string, policy: UrlPolicy): string {
  const tokens = tokenize({ css });
  return rewriteTokens(tokens, 0, tokens.length, policy);
}

/** The index of the `)` that closes the function or parenthesis opened at `open`, or `end`. */
function closingParen(tokens: readonly CSSToken[], open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const token = tokens[i];
    if (isTokenFunction(token) || isTokenOpenParen(token)) depth++;
    else if (isTokenCloseParen(token) && --depth === 0) return i;
  }
  return end;
}

/** A kept URL as a CSS token, quoted with " so a data: URL's own characters cannot end it early. */
function cssUrl(keep: string | null): string {
  return keep
    ? `url("${keep.replace(/["\\\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}")`
    : 'none';
}

function rewriteTokens(tokens: readonly CSSToken[], start: number, end: number, policy: UrlPolicy): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const token = tokens[i];
    if (token === undefined || isTokenEOF(token)) continue;
    if (isTokenAtKeyword(token) && token[4].value.toLowerCase() === 'import') {
      while (i < end && !isTokenSemicolon(tokens[i])) i++;
      continue;
    }
    if (isTokenURL(token)) {
      out += cssUrl(resourceUrl(token[4].value, policy));
      continue;
    }
    if (isTokenBadURL(token)) {
      out += 'none';
      continue;
    }
    if (isTokenFunction(token)) {
      const name = token[4].value.toLowerCase();
      const close = closingParen(tokens, i, end);
      if (URL_FUNCTIONS.has(name)) {
        const value = tokens.slice(i + 1, close).find(isTokenString);
        out += value ? cssUrl(resourceUrl(value[4].value, policy)) : 'none';
        i = close;
        continue;
      }
      if (IMAGE_SET_FUNCTIONS.has(name)) {
        out += rewriteImageSet(tokens, i, close, end, policy);
        i = close;
        continue;
      }
    }
    out += token[1];
  }
  return out;
}

/**
 * An image set names URLs as bare strings at its top level: the whole set is dropped unless every
 * one is allowed (cid: strings too, which only url() can resolve); url()s inside go through the
 * usual rewrite.
 */
function rewriteImageSet(
  tokens: readonly CSSToken[],
  open: number,
  close: number,
  end: number,
  policy: UrlPolicy,
): string {
  let allowed = true;
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const token = tokens[i];
    if (isTokenFunction(token) || isTokenOpenParen(token)) depth++;
    else if (isTokenCloseParen(token)) depth--;
    else if (depth === 0 && isTokenString(token)) {
      const url = token[4].value;
      if (!resourceUrl(url, policy) || classifyUrl(url) === 'cid') allowed = false;
    }
  }
  if (!allowed) return 'none';
  const head = tokens[open]?.[1] ?? '';
  return head + rewriteTokens(tokens, open + 1, close, policy) + (close < end ? ')' : '');
}

function escapeStyleText(css: string): string {
  // Our own serialisation of <style> text: it must not be able to close the element.
  return css.replace(/<\/(style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MAX_TITLE = 2048;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

function isLink(node: Element): boolean {
  // SVG's <a> is lower-case in nodeName; HTML's is upper-case.
  const name = node.nodeName.toLowerCase();
  return name === 'a' || name === 'area';
}

export function sanitizeMessageHtml(html: string, options: SanitizeOptions): SanitizedMessage {
  const images = new Map<string, string>();
  for (const image of options.inlineImages) {
    if (classifyUrl(image.dataUrl) === 'data-image')
      images.set(normaliseContentId(image.contentId), image.dataUrl);
  }
  const policy: UrlPolicy = { allowRemote: options.allowRemote, images, remote: 0 };
  const linkTargets = new WeakMap<Element, string>();
  let linkCount = 0;
  const links = new Map<string, MessageLink>();

  // A fresh instance per call: hooks are per instance, and this keeps the function pure.
  const purify = DOMPurify(window);

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) {
      node.textContent = rewriteCss(node.textContent, policy);
    }
  });

  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    if (name.startsWith('on')) {
      data.keepAttr = false;
      return;
    }
    // Remember a link's real target before DOMPurify drops unsafe schemes, to show it as a tooltip.
    if (name === 'href' && isLink(node)) {
      linkTargets.set(node, data.attrValue);
      data.keepAttr = false;
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node;

    const target = linkTargets.get(el);
    if (target !== undefined) {
      el.removeAttribute('href');
      // The real target replaces any title the sender wrote, which could claim a different one.
      const shown = target.trim();
      if (shown) el.setAttribute('title', shown.length > MAX_TITLE ? `${shown.slice(0, MAX_TITLE)}…` : shown);
      else el.removeAttribute('title');
      el.setAttribute('data-mailscope-link', '');
      linkCount += 1;
      if (shown && !links.has(shown) && links.size < MAX_LINKS) {
        links.set(shown, {
          text: (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
          target: shown,
        });
      }
    }

    for (const attr of RESOURCE_ATTRS) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      // In-document SVG references (<use href="#icon">) are harmless and keep icons working.
      if (
        (attr === 'href' || attr === 'xlink:href') &&
        value.trim().startsWith('#') &&
        el.namespaceURI !== HTML_NS
      ) {
        continue;
      }
      const keep = resourceUrl(value, policy);
      if (keep) el.setAttribute(attr, keep);
      else el.removeAttribute(attr);
    }

    for (const attr of ['srcset', 'imagesrcset']) {
      const srcset = el.getAttribute(attr);
      if (srcset === null) continue;
      const keep = rewriteSrcset(srcset, policy);
      if (keep) el.setAttribute(attr, keep);
      else el.removeAttribute(attr);
    }

    // style="", and in SVG also presentation attributes (fill, filter, mask…) that accept url().
    const names = el.namespaceURI === HTML_NS ? ['style'] : el.getAttributeNames();
    for (const name of names) {
      const value = el.getAttribute(name);
      if (value === null || (name !== 'style' && !/url\(|image-set\(|\\/i.test(value))) continue;
      const rewritten = rewriteCss(value, policy);
      if (rewritten !== value) el.setAttribute(name, rewritten);
    }
  });

  const root = purify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  }) as HTMLElement;

  const headStyles = Array.from(root.querySelectorAll('head style'))
    .map((style) => `<style>${escapeStyleText(style.textContent ?? '')}</style>`)
    .join('');
  const body = root.querySelector('body');
  const bodyHtml = body ? body.outerHTML : '<body></body>';

  const document =
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(frameContentSecurityPolicy(options.allowRemote))}">` +
    '<meta charset="utf-8">' +
    // The only script the frame may run (its hash is in the policy): forwards the app's shortcuts.
    `<script>${FRAME_KEYS_SCRIPT}</script>` +
    // Remote images, once allowed, must not tell their server which page asked for them.
    '<meta name="referrer" content="no-referrer">' +
    `<style>${FRAME_BASE_CSS}</style>` +
    headStyles +
    '</head>' +
    bodyHtml +
    '</html>';

  return { html: document, remoteCount: policy.remote, linkCount, links: [...links.values()] };
}
