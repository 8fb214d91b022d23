import type { ReactNode } from 'react';

/**
 * The engine's causes and fixes mark the words that matter the way its CLI prints them:
 * **bold** and `code`. Rendered as elements (never as HTML), so nothing in the text can inject markup.
 */
export function richText(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).map((part, index) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      return <strong key={index}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2)
      return <code key={index}>{part.slice(1, -1)}</code>;
    return part;
  });
}
