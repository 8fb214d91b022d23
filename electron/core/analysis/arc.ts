import type { ArcChain, ArcInstance } from '../../../shared/analysis';
import type { Header } from '../../../shared/model';
import {
  isoFromSeconds,
  parseAuthenticationResults,
  parseDkimSignature,
  tagList,
} from '../mime/auth-results';

/** More instances than this is not a chain anyone sends (RFC 8617 §4.2.1 caps it at 50). */
const MAX_INSTANCES = 50;

/**
 * The ARC chain (RFC 8617) as the headers write it: ARC-Seal, ARC-Message-Signature and
 * ARC-Authentication-Results grouped by instance, what each hop claimed (cv=, d=, its results) and
 * whether the set is well formed. Nothing is verified: that needs each signer's key from DNS, and
 * nothing is looked up. The note says so.
 */
export function arcChain(headers: readonly Header[]): ArcChain {
  const byInstance = new Map<number, ArcInstance>();
  const malformed: string[] = [];
  const instanceOf = (i: number): ArcInstance => {
    let entry = byInstance.get(i);
    if (!entry) {
      entry = { instance: i, seal: null, messageSignature: null, results: null, problems: [] };
      byInstance.set(i, entry);
    }
    return entry;
  };
  headers.forEach((header, index) => {
    const name = header.name.toLowerCase();
    if (!name.startsWith('arc-')) return;
    const ref = { index, name: header.name };
    const tags = tagList(header.value);
    const i = Number(tags.get('i'));
    if (!Number.isInteger(i) || i < 1 || i > MAX_INSTANCES) {
      if (['arc-seal', 'arc-message-signature', 'arc-authentication-results'].includes(name)) {
        malformed.push(`${header.name} without a valid instance number (i=)`);
      }
      return;
    }
    const entry = instanceOf(i);
    if (name === 'arc-seal') {
      if (entry.seal) entry.problems.push('Two ARC-Seal headers for this instance.');
      entry.seal = {
        header: ref,
        cv: tags.get('cv') || null,
        domain: tags.get('d') || null,
        selector: tags.get('s') || null,
        algorithm: tags.get('a') || null,
        signedAt: isoFromSeconds(Number(tags.get('t'))),
      };
    } else if (name === 'arc-message-signature') {
      if (entry.messageSignature) entry.problems.push('Two ARC-Message-Signature headers for this instance.');
      const signature = parseDkimSignature(header.value);
      entry.messageSignature = {
        header: ref,
        domain: signature.domain,
        selector: signature.selector,
        algorithm: signature.algorithm,
        signedAt: signature.signedAt,
        signedHeaders: signature.headers.map((h) => h.toLowerCase()),
      };
    } else if (name === 'arc-authentication-results') {
      if (entry.results) entry.problems.push('Two ARC-Authentication-Results headers for this instance.');
      const parsed = parseAuthenticationResults(header.value, header.name);
      entry.results = { header: ref, authservId: parsed.authservId, results: parsed.results };
    }
  });
  const instances = [...byInstance.values()].sort((a, b) => a.instance - b.instance);
  if (instances.length === 0 && malformed.length === 0) {
    return { status: 'none', instances, note: 'The message has no ARC headers.' };
  }
  checkInstances(instances);
  const broken = malformed.length > 0 || instances.some((entry) => entry.problems.length > 0);
  const last = instances[instances.length - 1];
  const notes = [
    broken
      ? 'The ARC set is broken as written: ' +
        [...malformed, ...instances.flatMap((e) => e.problems.map((p) => `i=${e.instance}: ${p}`))].join(' ')
      : `${instances.length} ARC instance${instances.length === 1 ? '' : 's'}, complete and in order.`,
    last?.seal?.cv === 'pass'
      ? `The last sealer (${last.seal.domain ?? 'unknown domain'}) says the chain before it validated.`
      : '',
    'Signatures are not verified here (that needs DNS keys, and nothing is looked up): this is what each hop claimed.',
  ];
  return { status: broken ? 'broken' : 'intact', instances, note: notes.filter(Boolean).join(' ') };
}

/** RFC 8617 §5.1.1: instances run 1..n, each with all three headers, cv=none first and pass after. */
function checkInstances(instances: ArcInstance[]): void {
  instances.forEach((entry, position) => {
    if (entry.instance !== position + 1)
      entry.problems.push(`Instance ${position + 1} is missing before it.`);
    if (!entry.seal) entry.problems.push('No ARC-Seal.');
    if (!entry.messageSignature) entry.problems.push('No ARC-Message-Signature.');
    if (!entry.results) entry.problems.push('No ARC-Authentication-Results.');
    const cv = entry.seal?.cv?.toLowerCase();
    if (entry.seal && entry.instance === 1 && cv !== 'none') {
      entry.problems.push(`The first seal says cv=${cv ?? '(missing)'}, where cv=none is expected.`);
    }
    if (entry.seal && entry.instance > 1 && cv !== 'pass') {
      entry.problems.push(
        `The seal says cv=${cv ?? '(missing)'}: this hop found the chain before it invalid.`,
      );
    }
  });
}
