import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { caOption, chooseProxy, describeProxy } from '../../../electron/core/auth/network';

describe('chooseProxy', () => {
  const host = 'login.microsoftonline.com';

  it('the profile’s proxy wins, even over NO_PROXY', () => {
    expect(chooseProxy('http://p:8080', host, { HTTPS_PROXY: 'http://env:3128', NO_PROXY: '*' })).toBe(
      'http://p:8080',
    );
  });

  it('HTTPS_PROXY, then https_proxy', () => {
    expect(chooseProxy(undefined, host, { HTTPS_PROXY: 'http://env:3128' })).toBe('http://env:3128');
    expect(chooseProxy(undefined, host, { https_proxy: 'http://lower:3128' })).toBe('http://lower:3128');
    expect(chooseProxy(undefined, host, {})).toBeUndefined();
  });

  it('accepts curl’s bare host:port', () => {
    expect(chooseProxy(undefined, host, { HTTPS_PROXY: 'proxy.contoso.com:8080' })).toBe(
      'http://proxy.contoso.com:8080',
    );
  });

  it.each([
    ['*', true],
    ['microsoftonline.com', true],
    ['.microsoftonline.com', true],
    ['*.microsoftonline.com', true],
    ['login.microsoftonline.com:443', true],
    ['example.com, other.org', false],
    ['online.com', false],
  ])('NO_PROXY=%s bypasses: %s', (noProxy, bypassed) => {
    const chosen = chooseProxy(undefined, `${host}:443`, {
      HTTPS_PROXY: 'http://env:3128',
      NO_PROXY: noProxy,
    });
    expect(chosen === undefined).toBe(bypassed);
  });

  it('describes a proxy without credentials', () => {
    expect(describeProxy('http://user:pw@proxy:8080/')).toBe('http://proxy:8080');
  });
});

describe('caOption', () => {
  it('adds configured roots to Node’s, or leaves the default store alone', () => {
    expect(caOption(undefined)).toBeUndefined();
    expect(caOption({})).toBeUndefined();
    const option = caOption({ ca: 'PEM' });
    expect(option?.at(-1)).toBe('PEM');
    expect(option?.length).toBe(rootCertificates.length + 1);
  });
});
