import { describe, expect, it } from 'vitest';
import { arcChain } from '../../../electron/core/analysis/arc';
import type { Header } from '../../../shared/model';

/** One hop's three ARC headers, newest first as a hop prepends them. */
function hop(i: number, cv: string, domain: string): Header[] {
  return [
    { name: 'ARC-Seal', value: `i=${i}; a=rsa-sha256; t=1765065600; cv=${cv}; d=${domain}; s=arc; b=AAAA` },
    {
      name: 'ARC-Message-Signature',
      value: `i=${i}; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=arc; h=From:To:Subject; bh=x; b=y`,
    },
    {
      name: 'ARC-Authentication-Results',
      value: `i=${i}; mx.${domain}; dkim=pass header.d=sender.example; spf=pass; dmarc=pass`,
    },
  ];
}

describe('ARC chain', () => {
  it('says none without ARC headers', () => {
    expect(arcChain([{ name: 'Subject', value: 'x' }])).toMatchObject({ status: 'none', instances: [] });
  });

  it.each([1, 2, 3])('groups a chain of %i instance(s) by i= with what each hop claimed', (count) => {
    const headers = Array.from({ length: count }, (_, n) => count - n).flatMap((i) =>
      hop(i, i === 1 ? 'none' : 'pass', `hop${i}.example`),
    );
    const chain = arcChain(headers);
    expect(chain.status).toBe('intact');
    expect(chain.instances.map((entry) => [entry.instance, entry.seal?.cv, entry.seal?.domain])).toEqual(
      Array.from({ length: count }, (_, n) => [n + 1, n === 0 ? 'none' : 'pass', `hop${n + 1}.example`]),
    );
    const first = chain.instances[0];
    expect(first?.messageSignature?.signedHeaders).toEqual(['from', 'to', 'subject']);
    expect(first?.results?.authservId).toBe('mx.hop1.example');
    expect(first?.results?.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'spf=pass',
      'dmarc=pass',
    ]);
    expect(first?.seal?.header.name).toBe('ARC-Seal');
    expect(first?.seal?.signedAt).toBe('2025-12-07T00:00:00.000Z');
    expect(chain.note).toMatch(/not verified/);
  });

  it('calls a chain broken when a hop lacks a header, a seal says cv=fail, or an instance is missing', () => {
    const missing = arcChain(hop(1, 'none', 'a.example').slice(0, 2));
    expect(missing.status).toBe('broken');
    expect(missing.instances[0]?.problems).toEqual(['No ARC-Authentication-Results.']);

    const failed = arcChain([...hop(2, 'fail', 'b.example'), ...hop(1, 'none', 'a.example')]);
    expect(failed.status).toBe('broken');
    expect(failed.instances[1]?.problems[0]).toMatch(/cv=fail/);

    const gap = arcChain([...hop(3, 'pass', 'c.example'), ...hop(1, 'none', 'a.example')]);
    expect(gap.instances[1]?.problems[0]).toMatch(/Instance 2 is missing/);

    const doubled = arcChain([...hop(1, 'none', 'a.example'), hop(1, 'none', 'x.example')[0] as Header]);
    expect(doubled.instances[0]?.problems).toContain('Two ARC-Seal headers for this instance.');

    const farFuture = arcChain([
      { name: 'ARC-Seal', value: 'i=1; cv=none; d=a.example; t=99999999999999999' },
    ]);
    expect(farFuture.instances[0]?.seal?.signedAt).toBeNull();

    const noInstance = arcChain([{ name: 'ARC-Seal', value: 'a=rsa-sha256; cv=none' }]);
    expect(noInstance.status).toBe('broken');
    expect(noInstance.note).toMatch(/without a valid instance/);
  });
});
