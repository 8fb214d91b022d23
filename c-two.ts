import { readFileSync } from 'node:fs';
import * as msgreader from '@kenjiuno/msgreader';
const R: any = (msgreader.default as any).default ?? msgreader.default;
const r = new R(readFileSync('/tmp/c-oom.msg'));
console.log('parsing');
const d = r.getFileData();
console.log('parsed', d.attachments?.length);
for (const a of d.attachments ?? []) { console.log('att', a.fileName, a.innerMsgContent); const c = r.getAttachment(a); console.log(c.content.length); }
