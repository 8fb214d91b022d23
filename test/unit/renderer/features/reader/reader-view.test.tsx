import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  chooseBody,
  useMessageViewState,
  useReadingPrefs,
} from '../../../../../renderer/src/features/reader/reader-view';
import { messageView } from './message-view';

/** The reader's view state: the sticky reading choices, what one message opened, and which body shows. */

describe('reader view state', () => {
  it('starts on the HTML body with the headers closed on their first tab, and keeps what the user sets', () => {
    const { result } = renderHook(() => useReadingPrefs());
    expect(result.current).toMatchObject({
      preferPlain: false,
      showHeaders: false,
      inspectionTab: 'headers',
    });
    act(() => {
      result.current.setPreferPlain(true);
      result.current.setInspectionTab('mime');
    });
    expect(result.current).toMatchObject({ preferPlain: true, showHeaders: false, inspectionTab: 'mime' });
  });

  it("opens a message with nothing shown; a triage claim's header opens the Headers tab with that row marked", () => {
    const { result } = renderHook(() => useMessageViewState(useReadingPrefs()));
    expect(result.current).toMatchObject({ showSource: false, showLinks: false, highlightHeader: null });
    act(() => result.current.setInspectionTab('triage'));
    act(() => result.current.showHeader({ index: 3, name: 'Authentication-Results' }));
    expect(result.current).toMatchObject({ showHeaders: true, inspectionTab: 'headers', highlightHeader: 3 });
    act(() => result.current.setShowSource(true));
    expect(result.current.showSource).toBe(true);
  });

  it('shows the HTML unless plain text is preferred and there is some; a blank body counts as none', () => {
    const both = messageView({ html: '<p>Hi</p>', text: 'Hi' });
    expect(chooseBody(both, false)).toEqual({ mode: 'html', switchable: true });
    expect(chooseBody(both, true)).toEqual({ mode: 'plain', switchable: true });
    expect(chooseBody(messageView({ html: '<p>Hi</p>', text: '  ' }), true)).toEqual({
      mode: 'html',
      switchable: false,
    });
    expect(chooseBody(messageView({ html: null, text: 'Hi' }), false)).toEqual({
      mode: 'plain',
      switchable: false,
    });
    expect(chooseBody(messageView({ html: ' ', text: null }), false)).toEqual({
      mode: 'none',
      switchable: false,
    });
  });
});
