import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the desktop app keeps its settings (Electron's `userData` for productName Mailscope), for
 * the processes that run without Electron (the harness, `mailscope doctor`) to find the same files.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Mailscope');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mailscope');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'Mailscope');
}
