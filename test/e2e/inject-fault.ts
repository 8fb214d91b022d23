/**
 * Loaded with `node --import` into a harness process by engine-fault.spec.ts: a line "throw" on
 * stdin makes a callback throw outside any request (as a library's stream callback would on hostile
 * input), "reject" leaves a promise rejection unhandled. Test-only: the app has no such hook.
 */
import { createInterface } from 'node:readline';

const SECRET = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpbmplY3RlZCJ9.aW5qZWN0ZWQtc2lnbmF0dXJl';

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'throw') {
    setImmediate(() => {
      throw new TypeError(`injected: attachment.contentType.toLowerCase is not a function (${SECRET})`);
    });
  } else if (line === 'reject') {
    void Promise.reject(new Error(`injected rejection (${SECRET})`));
  }
});
