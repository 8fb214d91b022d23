import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AppError } from '../../electron/core/common/app-error';
import { openLocal } from '../../electron/core/local/open-local';
import { MboxScanner } from '../../electron/core/local/mbox-index';
import { unescapeMboxrd } from '../../electron/core/local/mbox-escape';
import { PREVIEW_BYTES, previewOf } from '../../electron/core/local/message-preview';
import { inSlices } from '../../electron/core/mime/in-slices';
import { buildMimeTree } from '../../electron/core/mime/mime-tree';
import { parseEnvelopeHeaders } from '../../electron/core/mime/parse-envelope';
import { parseMessage } from '../../electron/core/mime/parse-message';
import { sourceText } from '../../electron/core/mime/source-text';
import { Pop3Client } from '../../electron/core/pop3/pop3-client';
import { decodeParts } from '../../electron/core/save/part-stream';
import { inputOf } from '../../electron/core/attached/analysis-input';
import { layerOf, openAttached } from '../../electron/core/attached/layer';
import { isCompoundFile, readMsg } from '../../electron/core/outlook/msg-file';
import { isTnef } from '../../electron/core/outlook/tnef';
import type { Prng } from './prng';

/**
 * Every way Mailscope parses bytes somebody else wrote, as one function each. A target resolves
 * when the input ends in something shown (a view, a list, a preview) and rejects with an AppError
 * (a named error: MESSAGE_MALFORMED, BINARY_FILE, PROTOCOL_ERROR…) when it is refused; anything
 * else it throws is a bug the fuzzer reports.
 */
export interface Target {
  readonly name: string;
  run(input: Buffer, rng: Prng): Promise<void>;
}

const META = {
  id: 'fuzz',
  folderId: 'fuzz',
  flags: { seen: true, flagged: false, answered: false, draft: false },
};

function headerSection(input: Buffer): Buffer {
  const end = input.indexOf('\r\n\r\n');
  if (end !== -1) return input.subarray(0, end + 4);
  const lf = input.indexOf('\n\n');
  return lf === -1 ? input : input.subarray(0, lf + 2);
}

/** Counts bytes and keeps none: attachment bytes have to flow, not to be kept. */
function sink(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

async function mboxIndex(input: Buffer, rng: Prng): Promise<void> {
  const file = Buffer.concat([Buffer.from('From fuzz@example.com Tue Nov 24 09:30:00 2026\n'), input]);
  const scanner = new MboxScanner();
  // Chunk edges anywhere: a separator or CRLF split across two reads must not matter.
  for (let at = 0; at < file.length;) {
    const step = rng.size(1, 64 * 1024);
    scanner.push(file.subarray(at, at + step));
    at += step;
  }
  const index = scanner.finish();
  for (const { start, end } of index.messages) {
    await parseEnvelopeHeaders(headerSection(unescapeMboxrd(file.subarray(start, end))));
  }
}

async function attachmentStream(input: Buffer): Promise<void> {
  const tree = await buildMimeTree(input);
  const wanted = new Map(tree.leaves.map((leaf) => [leaf.path, async () => sink()] as const));
  await decodeParts(inSlices(input), wanted);
}

/** One temp folder per process for the file-based target; removed by `disposeTargets`. */
let workDir: string | null = null;
function work(): string {
  if (!workDir) {
    workDir = mkdtempSync(join(tmpdir(), 'mailscope-fuzz-'));
    mkdirSync(join(workDir, 'maildir', 'cur'), { recursive: true });
    mkdirSync(join(workDir, 'maildir', 'new'), { recursive: true });
    mkdirSync(join(workDir, 'maildir', 'tmp'), { recursive: true });
  }
  return workDir;
}

async function readAll(path: string): Promise<void> {
  const source = await openLocal(path, { allowLarge: true });
  try {
    for (const folder of await source.listFolders()) {
      const page = await source.listEnvelopes(folder.id, 0, 5, { preview: true });
      for (const envelope of page.items) {
        sourceText(await source.getRaw(folder.id, envelope.id));
        await source.getMessage(folder.id, envelope.id).catch((error: unknown) => {
          if (!(error instanceof AppError)) throw error;
        });
      }
    }
  } finally {
    await source.close();
  }
}

async function localFiles(input: Buffer): Promise<void> {
  const dir = work();
  const eml = join(dir, 'fuzz.eml');
  const mbox = join(dir, 'fuzz.mbox');
  const maildirFile = join(dir, 'maildir', 'cur', '1700000000.M1P1.fuzz:2,S');
  writeFileSync(eml, input);
  writeFileSync(
    mbox,
    Buffer.concat([Buffer.from('From fuzz@example.com Tue Nov 24 09:30:00 2026\n'), input]),
  );
  writeFileSync(maildirFile, input);
  const failures: unknown[] = [];
  for (const path of [eml, mbox, join(dir, 'maildir')]) {
    await readAll(path).catch((error: unknown) => {
      // A refusal (BINARY_FILE, NOT_A_MAILBOX, EMPTY_FILE…) is a named error; anything else is not.
      if (!(error instanceof AppError)) failures.push(error);
    });
  }
  if (failures.length) throw failures[0];
}

/**
 * A POP3 server that answers everything with one transcript made from the input (the greeting,
 * CAPA, STAT, LIST, UIDL, TOP and RETR replies a real server would send for it, then mutated by
 * cutting, flipping and dropping line ends), then hangs up. The client must end every call in a
 * reply or a Pop3Error.
 */
async function pop3Replies(input: Buffer, rng: Prng): Promise<void> {
  const stuffedMessage = Buffer.from(input.toString('latin1').replace(/(^|\n)\./g, '$1..'), 'latin1');
  let transcript = Buffer.concat([
    Buffer.from(
      `+OK ready\r\n+OK\r\nTOP\r\nUIDL\r\nPIPELINING\r\n.\r\n+OK 1 ${input.length}\r\n+OK\r\n1 ${input.length}\r\n.\r\n+OK\r\n1 uid-1\r\n.\r\n+OK\r\n`,
    ),
    stuffedMessage.subarray(0, 2048),
    Buffer.from('\r\n.\r\n+OK\r\n'),
    stuffedMessage,
    Buffer.from('\r\n.\r\n'),
  ]);
  const way = rng.int(5);
  const text = transcript.toString('latin1');
  if (way === 0) transcript = transcript.subarray(0, rng.int(transcript.length + 1));
  else if (way === 1) transcript = Buffer.from(text.replace(/\r\n/g, rng.chance(0.5) ? '\n' : ''), 'latin1');
  else if (way === 2)
    transcript = Buffer.from(
      text.replace(/\+OK (\d+)/g, () => `+OK ${rng.pick(['-1', 'x', '99999999999999999999', '', '1 2 3'])}`),
      'latin1',
    );
  else if (way === 3) {
    transcript = Buffer.from(transcript);
    for (let i = rng.size(1, 32); i > 0; i--) transcript[rng.int(transcript.length)] = rng.int(256);
  } else
    transcript = Buffer.from(
      text.replace(/\r\n\.\r\n/g, () => (rng.chance(0.5) ? '\r\n' : '\r\n.\r\n')),
      'latin1',
    );

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.end(transcript);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  try {
    const client = await Pop3Client.connect({
      host: '127.0.0.1',
      port,
      tls: 'none',
      replyTimeoutMs: 2000,
      connectTimeoutMs: 2000,
    });
    try {
      const calls = [client.stat(), client.list(), client.uidl(), client.top(1, 0)];
      const settled = await Promise.allSettled(calls);
      const body = await client.retr(1).catch((error: unknown) => {
        settled.push({ status: 'rejected', reason: error });
        return null;
      });
      if (body) {
        try {
          for await (const _chunk of body) {
            // read through
          }
        } catch (error) {
          settled.push({ status: 'rejected', reason: error });
        }
      }
      for (const result of settled) {
        if (result.status === 'rejected' && !(result.reason instanceof AppError)) throw result.reason;
      }
    } finally {
      client.close();
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Valid Outlook files to mutate: most corpus inputs are .eml, which a .msg reader refuses at once. */
const OUTLOOK_SEEDS = {
  msg: ['invoice.msg', 'embedded.msg'],
  tnef: ['winmail.dat'],
} as const;
const outlookSeeds = new Map<string, Buffer>();
function outlookSeed(name: string): Buffer {
  let seed = outlookSeeds.get(name);
  if (!seed) {
    seed = readFileSync(new URL(`../fixtures/outlook/${name}`, import.meta.url));
    outlookSeeds.set(name, seed);
  }
  return seed;
}

/** The input itself when it is of the kind, else a seed of the kind with stretches of the input written over it. */
function outlookInput(input: Buffer, rng: Prng, kind: 'msg' | 'tnef'): Buffer {
  if (kind === 'msg' ? isCompoundFile(input) : isTnef(input)) return input;
  const names = OUTLOOK_SEEDS[kind];
  const out = Buffer.from(outlookSeed(rng.pick(names)));
  if (input.length === 0) return out;
  for (let count = rng.size(1, 8); count > 0; count--) {
    const at = rng.int(out.length);
    const from = rng.int(input.length);
    input.copy(out, at, from, from + Math.min(rng.size(1, 64), out.length - at));
  }
  return rng.chance(0.2) ? out.subarray(0, rng.int(out.length + 1)) : out;
}

/** An Outlook item or winmail.dat the way the reader and the analysis take it: view, each part, each level. */
async function outlookItem(input: Buffer, rng: Prng, kind: 'msg' | 'tnef'): Promise<void> {
  const bytes = outlookInput(input, rng, kind);
  const layer = layerOf(kind, bytes);
  const view = await layer.view(META);
  for (const attachment of view.attachments) {
    await layer.part(attachment.partId);
    await openAttached(layer, [attachment.partId]).then(
      (inner) => inner.view(META),
      (error: unknown) => {
        if (!(error instanceof AppError)) throw error;
      },
    );
  }
  await inputOf(kind, bytes, 0);
  if (kind === 'msg') readMsg(bytes);
}

export const TARGETS: readonly Target[] = [
  { name: 'parse-message', run: async (input) => void (await parseMessage(input, META)) },
  { name: 'envelope', run: async (input) => void (await parseEnvelopeHeaders(headerSection(input))) },
  { name: 'preview', run: async (input) => void (await previewOf(input.subarray(0, PREVIEW_BYTES))) },
  { name: 'mbox-index', run: mboxIndex },
  { name: 'source-view', run: async (input) => void sourceText(input) },
  { name: 'attachment-stream', run: attachmentStream },
  { name: 'local-files', run: localFiles },
  { name: 'pop3-replies', run: pop3Replies },
  { name: 'outlook-msg', run: (input, rng) => outlookItem(input, rng, 'msg') },
  { name: 'tnef', run: (input, rng) => outlookItem(input, rng, 'tnef') },
];

export function disposeTargets(): void {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
}
