import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  busyLine,
  busyReply,
  isSessionOver,
  ServerGate,
  suggestedBackoffMs,
  throttleListener,
  toImapAppError,
} from '../../../../electron/core/imap/server-busy';

/** Exchange Online's busy replies, as client bug reports and migration FAQs quote them. */
describe('reading a busy server', () => {
  it.each([
    ['Request is throttled. Suggested Backoff Time: 299910 milliseconds', 299_910],
    ['Request is throttled. Suggested Backoff Time: 89117 milliseconds', 89_117],
    ['request is throttled. suggested backoff time: 12 seconds', 12_000],
  ])('"%s" asks for %d ms', (line, ms) => {
    expect(suggestedBackoffMs(line)).toBe(ms);
    expect(busyLine(line)).toEqual({ kind: 'throttled', backoffMs: ms });
  });

  it('knows the refusals that give no time', () => {
    expect(busyLine('Server Unavailable. 15')).toEqual({ kind: 'throttled' });
    expect(busyLine('Connection is closed. 13')).toEqual({ kind: 'too-many-connections' });
    expect(busyLine('Too many simultaneous connections')).toEqual({ kind: 'too-many-connections' });
    expect(busyLine('AUTHENTICATE failed.')).toBeNull();
    expect(busyLine('User is authenticated but not connected.')).toBeNull();
  });

  it('reads imapflow failures: its own ETHROTTLE, the reply text, a BYE reason, RFC 5530 codes', () => {
    expect(busyReply({ code: 'ETHROTTLE', throttleReset: 5000 })).toEqual({
      kind: 'throttled',
      backoffMs: 5000,
    });
    expect(
      busyReply({
        responseStatus: 'BAD',
        responseText: 'Request is throttled. Suggested Backoff Time: 1500 milliseconds',
      }),
    ).toEqual({ kind: 'throttled', backoffMs: 1500 });
    expect(busyReply({ code: 'ClosedAfterConnectTLS', reason: 'Connection is closed. 13' })).toEqual({
      kind: 'too-many-connections',
    });
    expect(busyReply({ serverResponseCode: 'LIMIT' })).toEqual({ kind: 'too-many-connections' });
    expect(busyReply({ serverResponseCode: 'UNAVAILABLE' })).toEqual({ kind: 'throttled' });
    expect(busyReply({ code: 'ECONNRESET' })).toBeNull();
    expect(busyReply(undefined)).toBeNull();
  });

  it('words a busy server as SERVER_BUSY, without the server text', () => {
    const error = toImapAppError({
      responseText: 'Request is throttled. Suggested Backoff Time: 9 milliseconds',
    });
    expect(error.code).toBe('SERVER_BUSY');
    expect(error.message).not.toContain('Backoff');
  });
});

describe("hearing imapflow's throttle handling", () => {
  it('reports the wait imapflow starts, with the hint, and a refusal STATUS swallowed', () => {
    const heard = vi.fn();
    const log = throttleListener(heard);
    log.warn({ msg: 'Throttling detected', cid: 'x', throttleDelay: 299_910, delayResponse: 150_000 });
    expect(heard).toHaveBeenLastCalledWith({ waitMs: 150_000, hintMs: 299_910 });
    log.warn({ msg: 'Retrying throttled request with exponential backoff', delayMs: 2000 });
    expect(heard).toHaveBeenLastCalledWith({ waitMs: 2000, hintMs: 2000 });
    log.warn({ err: { responseStatus: 'NO', responseText: 'Server Unavailable. 15' }, cid: 'x' });
    expect(heard).toHaveBeenLastCalledWith({});
    heard.mockClear();
    // Everything else is not ours to hear (and may carry server text).
    log.warn({ msg: 'Partial FETCH response' });
    log.warn({ err: { responseText: 'Mailbox does not exist' } });
    log.info({ msg: 'Throttling detected', delayResponse: 5 });
    log.error({ msg: 'anything' });
    expect(heard).not.toHaveBeenCalled();
  });
});

describe('the mailbox-wide wait', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds every waiter until the latest "not before", and lets an abort through at once', async () => {
    const gate = new ServerGate();
    expect(gate.remainingMs).toBe(0);
    gate.hold(1000);
    gate.hold(300); // a shorter wait does not shorten the one already asked for
    let passed = false;
    const waiting = gate.wait().then(() => (passed = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(passed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(passed).toBe(true);

    gate.hold(60_000);
    const controller = new AbortController();
    const aborted = gate.wait(controller.signal);
    controller.abort();
    await aborted;
    expect(gate.remainingMs).toBeGreaterThan(0);
  });
});

describe('a session the server has ended', () => {
  it('is over once closed, and already when the server said BYE but the socket is still open', () => {
    expect(isSessionOver({ usable: true, byeReason: undefined })).toBe(false);
    expect(isSessionOver({ usable: false, byeReason: undefined })).toBe(true);
    // imapflow closes on a later tick: a command started in between must reconnect, not fail.
    expect(isSessionOver({ usable: true, byeReason: 'Server closed connection' })).toBe(true);
  });
});
