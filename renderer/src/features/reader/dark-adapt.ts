/**
 * Dark adaptation of a message body, for people reading in the dark theme who would rather not
 * face a white page: the whole document is inverted at a little less than full strength (white
 * becomes near-black, black near-white, hues kept by rotating them back) and pictures are inverted
 * once more, so they show their own colours, slightly dimmed. It only adds a stylesheet: the message
 * and its sanitised markup are untouched, and turning the setting off shows it exactly as sent.
 */

const STRENGTH = 0.88;

const DARK_CSS =
  `html{filter:invert(${STRENGTH}) hue-rotate(180deg)}` +
  'img,picture,video,canvas,svg image,[background],[style*="background-image"]{filter:invert(1) hue-rotate(180deg)}';

/** The frame's document with the dark stylesheet first in its head (the head sanitize-html wrote). */
export function darkAdapted(document: string): string {
  const head = document.indexOf('<head>');
  if (head < 0) return document;
  const at = head + '<head>'.length;
  return `${document.slice(0, at)}<style>${DARK_CSS}</style>${document.slice(at)}`;
}
