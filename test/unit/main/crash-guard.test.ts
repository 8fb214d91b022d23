import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { channelOf } from '../../../shared/channels';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { startApp } = await import('../../../electron/main/app');

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

describe('Electron main process: the last line of defence', () => {
  const userData = mkdtempSync(join(tmpdir(), 'mailscope-main-guard-'));
  afterAll(() => rmSync(userData, { recursive: true, force: true }));

  it('logs an escaped exception redacted, goes on serving, and tells the page once', async () => {
    fake.app.paths.set('userData', userData);
    fake.app.paths.set('downloads', '/home/me/Downloads');
    fake.app.paths.set('logs', join(userData, 'logs'));
    const faults = new EventEmitter();
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    try {
      await startApp({ faults });
      const window = fake.FakeBrowserWindow.instances.at(-1);
      const own = { senderFrame: { url: window?.loadedUrl, parent: null } };
      const secret = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

      // What a library callback throwing on hostile input would do, twice, and a lost promise.
      faults.emit(
        'uncaughtException',
        new TypeError(`attachment.contentType.toLowerCase is not a function ${secret}`),
      );
      faults.emit('uncaughtException', new TypeError('again'));
      faults.emit('unhandledRejection', new Error('nobody awaited this'));

      expect(logged).toHaveLength(3);
      expect(logged[0]).toContain('toLowerCase is not a function');
      expect(logged.join('\n')).not.toContain('eyJhbGciOiJSUzI1NiJ9');
      // The same reports, redacted, in the log file a user can send.
      const file = readFileSync(join(userData, 'logs', 'mailscope.log'), 'utf8');
      expect(file.trim().split('\n')).toHaveLength(3);
      expect(file).toContain('toLowerCase is not a function');
      expect(file).not.toContain('eyJhbGciOiJSUzI1NiJ9');
      const next = fake.ipcMain.handlers.get(channelOf('events.next')) as Handler;
      const batch = (await next(own, { after: 0, waitMs: 0 })) as {
        ok: true;
        value: { events: { type: string }[] };
      };
      expect(batch.value.events.filter((event) => event.type === 'engine.fault')).toEqual([
        { type: 'engine.fault', kind: 'exception' },
      ]);
      const info = fake.ipcMain.handlers.get(channelOf('app.getInfo')) as Handler;
      expect(await info(own, {})).toMatchObject({ ok: true });
    } finally {
      spy.mockRestore();
    }
  });
});
