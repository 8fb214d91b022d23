import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FRAME_KEYS_SCRIPT,
  FRAME_KEYS_SCRIPT_HASH,
  frameContentSecurityPolicy,
  frameResponsePolicy,
} from '../../../shared/frame';

describe('the message frame policy', () => {
  it('allows exactly one script: the key forwarder, by its hash', () => {
    const hash = createHash('sha256').update(FRAME_KEYS_SCRIPT).digest('base64');
    expect(FRAME_KEYS_SCRIPT_HASH).toBe(`'sha256-${hash}'`);
    for (const allowRemote of [false, true]) {
      const policy = frameContentSecurityPolicy(allowRemote);
      expect(policy).toContain(`script-src ${FRAME_KEYS_SCRIPT_HASH};`);
      expect(policy).not.toMatch(/unsafe-hashes|strict-dynamic|unsafe-eval|script-src[^;]*unsafe-inline/);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("form-action 'none'");
    }
    expect(frameContentSecurityPolicy(false)).not.toMatch(/https?:/);
  });

  it('as a header, adds the sandbox (scripts only) and who may embed it', () => {
    expect(frameResponsePolicy(false, 'http://127.0.0.1:1')).toMatch(
      /; sandbox allow-scripts; frame-ancestors http:\/\/127\.0\.0\.1:1$/,
    );
    expect(frameResponsePolicy(true, null)).toMatch(/img-src data: http: https:;.*; sandbox allow-scripts$/);
  });
});
