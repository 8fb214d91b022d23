/**
 * A link whose text names one host while it goes to another, the way phishing hides where a link
 * leads. One rule for the reader's Links panel and the engine's triage indicators.
 */

export interface ShownLink {
  /** What the message shows. */
  readonly text: string;
  /** Where the link really goes, as written. */
  readonly target: string;
}

/** The host a link's text claims, if the text looks like an address at all. */
export function claimedHost(text: string): string | null {
  const match = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]|$)/i.exec(text.trim());
  return match?.[1]?.toLowerCase() ?? null;
}

export function misleads(link: ShownLink): boolean {
  const claimed = claimedHost(link.text);
  if (!claimed) return false;
  try {
    const real = new URL(link.target).hostname.toLowerCase();
    return real !== claimed && !real.endsWith(`.${claimed}`);
  } catch {
    return true;
  }
}
