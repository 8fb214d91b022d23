/**
 * Exchange-replies mode: clients see Exchange Online's exact texts, which Dovecot never sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Testbed } from '../../testbed/index';
import { EXCHANGE_TEXT } from '../../testbed/dovecot/exchange-replies';
import { imapLogin, LineClient, popLogin } from './wire';

let bed: Testbed;

beforeAll(async () => {
  bed = await start({ dovecot: false, exchangeReplies: true });
});
afterAll(async () => {
  await bed?.stop();
});

const exchange = () => {
  if (!bed.exchange) throw new Error('exchange replies not started');
  return bed.exchange;
};
const imap = () => ({ host: '127.0.0.1', port: exchange().imapPort, ca: bed.ca.pem });
const pop = () => ({ host: '127.0.0.1', port: exchange().pop3Port, ca: bed.ca.pem });

describe('IMAP', () => {
  it('greets and advertises XOAUTH2 as Exchange does', async () => {
    const client = await LineClient.connect('127.0.0.1', exchange().imapPort, { tls: true, ca: bed.ca.pem });
    expect(await client.line()).toBe(EXCHANGE_TEXT.imapGreeting);
    client.send('a0 CAPABILITY');
    expect(await client.until(/^a0 /)).toEqual([EXCHANGE_TEXT.imapCapability, 'a0 OK CAPABILITY completed.']);
    client.close();
  });

  it('refused token: NO AUTHENTICATE failed. (initial response and continuation)', async () => {
    exchange().mode = 'auth-failed';
    const { reply, client } = await imapLogin(imap(), 'invoices@contoso.example', 'token');
    client.close();
    expect(reply).toBe('a1 NO AUTHENTICATE failed.');

    const c = await LineClient.connect('127.0.0.1', exchange().imapPort, { tls: true, ca: bed.ca.pem });
    await c.line();
    c.send('a1 AUTHENTICATE XOAUTH2');
    expect(await c.line()).toBe('+ ');
    c.send('dXNlcj1h');
    expect(await c.line()).toBe('a1 NO AUTHENTICATE failed.');
    c.close();
    expect(exchange().received.some((r) => r.line === 'dXNlcj1h')).toBe(true);
  });

  it('mailbox not reachable: authenticated, then BAD User is authenticated but not connected.', async () => {
    exchange().mode = 'not-connected';
    const { reply, client } = await imapLogin(imap(), 'hr@contoso.example', 'token');
    expect(reply).toBe('a1 OK AUTHENTICATE completed.');
    client.send('a2 LIST "" "*"');
    expect(await client.line()).toBe('a2 BAD User is authenticated but not connected.');
    client.send('a3 SELECT INBOX');
    expect(await client.line()).toBe('a3 BAD User is authenticated but not connected.');
    client.close();
  });

  it('throttled: NO Server Unavailable. 15', async () => {
    exchange().mode = 'throttled';
    const { reply, client } = await imapLogin(imap(), 'invoices@contoso.example', 'token');
    client.close();
    expect(reply).toBe('a1 NO Server Unavailable. 15');
  });

  it('too many connections: BYE right after the greeting', async () => {
    exchange().mode = 'too-many-connections';
    const client = await LineClient.connect('127.0.0.1', exchange().imapPort, { tls: true, ca: bed.ca.pem });
    expect(await client.line()).toBe(EXCHANGE_TEXT.imapGreeting);
    expect(await client.line()).toBe('* BYE Connection is closed. 13');
    client.close();
  });
});

describe('POP3', () => {
  it.each(['initial-response', 'continuation'] as const)(
    'refused token (%s): -ERR Authentication failure',
    async (form) => {
      exchange().mode = 'auth-failed';
      const { reply, client } = await popLogin(pop(), 'invoices@contoso.example', 'token', form);
      client.close();
      expect(reply).toBe('-ERR Authentication failure: unknown user name or bad password.');
    },
  );

  it('throttled: -ERR Server Unavailable. 21', async () => {
    exchange().mode = 'throttled';
    const { reply, client } = await popLogin(pop(), 'invoices@contoso.example', 'token', 'initial-response');
    client.close();
    expect(reply).toBe('-ERR Server Unavailable. 21');
  });
});
