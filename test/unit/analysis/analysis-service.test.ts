import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createService } from '../../../electron/core/service';
import { Analysis } from '../../../shared/analysis';
import type { EnvelopePage, SourceSummary } from '../../../shared/model';
import { put, serviceOptions, tempDir } from '../core/helpers';
import { eml, PHISH_HEADERS, PHISH_HTML } from './messages';

/** messages.analyze as the renderer calls it: through the dispatcher's contract checks. */
async function openFile(content: Buffer) {
  const api = createService(await serviceOptions());
  const errors: unknown[] = [];
  const dispatch = createDispatch(api, { onInternalError: (_method, error) => errors.push(error) });
  const path = await put(await tempDir(), 'reported.eml', content);
  const opened = await dispatch('sources.openPath', { path });
  if (!opened.ok) throw new Error(opened.error.message);
  const source = opened.value as SourceSummary;
  const folderId = source.folders[0]?.id ?? '';
  const listed = await dispatch('messages.list', { sourceId: source.id, folderId, offset: 0, limit: 1 });
  if (!listed.ok) throw new Error(listed.error.message);
  const messageId = (listed.value as EnvelopePage).items[0]?.id ?? '';
  return { dispatch, errors, ref: { sourceId: source.id, folderId, messageId } };
}

describe('messages.analyze', () => {
  it('answers the analysis of an opened message, checked against the contract', async () => {
    const { dispatch, errors, ref } = await openFile(eml(PHISH_HEADERS, { html: PHISH_HTML }));
    const answer = await dispatch('messages.analyze', ref);
    if (!answer.ok) throw new Error(answer.error.message);
    const analysis = Analysis.parse(answer.value);
    expect(analysis.verdict.claims[0]?.text).toBe('marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5)');
    expect(analysis.indicators.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('takes the same request as messages.get, and refuses anything else', async () => {
    const { dispatch, ref } = await openFile(eml(PHISH_HEADERS, { text: 'x' }));
    expect(await dispatch('messages.analyze', { ...ref, operationId: 'op-12345678' })).toMatchObject({
      ok: true,
    });
    expect(await dispatch('messages.analyze', { ...ref, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await dispatch('messages.analyze', { ...ref, messageId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_MESSAGE' },
    });
  });
});
