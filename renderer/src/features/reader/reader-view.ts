import { useState } from 'react';
import type { HeaderRef } from '../../../../shared/analysis';
import type { MessageView } from '../../../../shared/model';
import type { InspectionTab } from './InspectionPanel';

/**
 * How the reader shows a message, as one object the reader's parts share instead of a prop each:
 * what sticks from message to message (the reading pane keeps it) and what is opened in one
 * message only (the message display keeps it, keyed by message).
 */

/** How the user reads messages; it sticks from message to message. */
export interface ReadingPrefs {
  preferPlain: boolean;
  setPreferPlain: (plain: boolean) => void;
  showHeaders: boolean;
  setShowHeaders: (show: boolean) => void;
  inspectionTab: InspectionTab;
  setInspectionTab: (tab: InspectionTab) => void;
}

export function useReadingPrefs(): ReadingPrefs {
  const [preferPlain, setPreferPlain] = useState(false);
  const [showHeaders, setShowHeaders] = useState(false);
  const [inspectionTab, setInspectionTab] = useState<InspectionTab>('headers');
  return { preferPlain, setPreferPlain, showHeaders, setShowHeaders, inspectionTab, setInspectionTab };
}

/** The reading prefs, and what the user opened in this message only: its source, its links, a header. */
export interface MessageViewState extends ReadingPrefs {
  showSource: boolean;
  setShowSource: (show: boolean) => void;
  showLinks: boolean;
  setShowLinks: (show: boolean) => void;
  /** The header row marked in the Headers tab (a triage claim's). */
  highlightHeader: number | null;
  /** Opens the Headers tab with this header marked (from a triage claim or indicator). */
  showHeader: (header: HeaderRef) => void;
}

/** Per message: the source and the list of links start closed, and no header is marked. */
export function useMessageViewState(prefs: ReadingPrefs): MessageViewState {
  const [showSource, setShowSource] = useState(false);
  const [showLinks, setShowLinks] = useState(false);
  const [highlightHeader, setHighlightHeader] = useState<number | null>(null);
  const showHeader = (header: HeaderRef) => {
    setHighlightHeader(header.index);
    prefs.setShowHeaders(true);
    prefs.setInspectionTab('headers');
  };
  return { ...prefs, showSource, setShowSource, showLinks, setShowLinks, highlightHeader, showHeader };
}

/**
 * Which body shows: the HTML, unless the user prefers plain text and there is some; a blank body
 * counts as none. The HTML / Plain text switch is offered only when the message has both.
 */
export interface BodyChoice {
  mode: 'html' | 'plain' | 'none';
  switchable: boolean;
}

export function chooseBody(view: MessageView, preferPlain: boolean): BodyChoice {
  const hasHtml = view.html !== null && view.html.trim() !== '';
  const hasText = view.text !== null && view.text.trim() !== '';
  const mode = hasHtml && (!preferPlain || !hasText) ? 'html' : hasText ? 'plain' : 'none';
  return { mode, switchable: hasHtml && hasText };
}
