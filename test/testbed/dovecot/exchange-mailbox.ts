/**
 * The scripted Exchange server's mailbox mode: sign-in succeeds and a small mailbox answers LIST,
 * STATUS, EXAMINE and NOOP as Exchange Online does (no LIST-STATUS, no ENABLE), while a throttle
 * script refuses chosen commands with Exchange's throttling texts, and a connection limit refuses
 * connections beyond it with `* BYE Connection is closed. 13`. It records every command it is sent
 * with the time it arrived, so tests can count attempts and check that waits were kept.
 *
 * Texts (Exchange documents none; from client bug reports and migration tools' FAQs):
 * `BAD Request is throttled. Suggested Backoff Time: 89117 milliseconds` (also seen as NO), often
 * followed by `* BYE Connection closed. 14` and a closed socket.
 */

export const THROTTLE_TEXT = {
  throttled: (ms: number) => `Request is throttled. Suggested Backoff Time: ${ms} milliseconds`,
  bye: '* BYE Connection closed. 14',
  serverUnavailable: 'Server Unavailable. 15',
} as const;

export interface ScriptedFolder {
  path: string;
  messages: number;
  unseen: number;
}

export interface ThrottleScript {
  /** Verbs refused (upper case: `STATUS`, `LIST`, `EXAMINE`). */
  commands: string[];
  /** How many of them are refused, in arrival order, before the server answers them again. */
  times: number;
  /** The Suggested Backoff Time; without it the reply is `NO Server Unavailable. 15`. */
  backoffMs?: number;
  /** `BAD` (what Exchange mostly sends) or `NO`. */
  status?: 'BAD' | 'NO';
  /** End the connection after the reply, as Exchange often does. */
  bye?: boolean;
}

export interface ReceivedCommand {
  at: number;
  connection: number;
  verb: string;
  line: string;
  throttled: boolean;
}

/** A mailbox of `count` folders (`Folder 001`…, some nested), with counts derived from the index. */
export function scriptedFolders(count: number): ScriptedFolder[] {
  return Array.from({ length: count }, (_, i) => ({
    path: i === 0 ? 'INBOX' : i % 5 === 0 ? `Folder ${pad(i - 1)}/Sub ${pad(i)}` : `Folder ${pad(i)}`,
    messages: (i * 7) % 23,
    unseen: (i * 3) % 5,
  })).map((f) => ({ ...f, unseen: Math.min(f.unseen, f.messages) }));
}

const pad = (n: number) => String(n).padStart(3, '0');

function quote(path: string): string {
  return `"${path.replace(/["\\]/g, '\\$&')}"`;
}

/** The arguments of a command line after its verb: quoted strings unquoted, atoms as they are. */
function argumentsOf(line: string): string[] {
  const rest = line.split(' ').slice(2).join(' ');
  const args: string[] = [];
  for (const match of rest.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    args.push(match[1] !== undefined ? match[1].replace(/\\(["\\])/g, '$1') : (match[2] ?? ''));
  }
  return args;
}

/** The state of the mailbox mode across connections: folders, script, limit and the record. */
export class ScriptedMailbox {
  folders: ScriptedFolder[] = scriptedFolders(12);
  private script: ThrottleScript | undefined;
  /** Connections open at once beyond this are refused after the greeting (undefined: no limit). */
  maxConnections: number | undefined;
  readonly received: ReceivedCommand[] = [];
  /** Connections refused for the limit. */
  refused = 0;
  /** The most connections open at once. */
  peak = 0;
  private open = 0;
  private ids = 0;
  private throttledSoFar = 0;

  get throttle(): ThrottleScript | undefined {
    return this.script;
  }

  /** A new script starts counting its refusals from zero. */
  set throttle(script: ThrottleScript | undefined) {
    this.script = script;
    this.throttledSoFar = 0;
  }

  /** A new connection: its id, or null when the limit refuses it. */
  connect(): number | null {
    if (this.maxConnections !== undefined && this.open >= this.maxConnections) {
      this.refused++;
      return null;
    }
    this.open++;
    this.peak = Math.max(this.peak, this.open);
    return ++this.ids;
  }

  disconnect(): void {
    this.open--;
  }

  /**
   * Answers one authenticated command; `send` writes lines, `end` closes the socket. False when the
   * verb is not the mailbox's (the common code answers it).
   */
  answer(
    connection: number,
    tag: string,
    verb: string,
    line: string,
    send: (line: string) => void,
    end: () => void,
  ): boolean {
    const script = this.throttle;
    const throttled = !!script && script.commands.includes(verb) && this.throttledSoFar < script.times;
    this.received.push({ at: Date.now(), connection, verb, line, throttled });
    const args = argumentsOf(line);
    if (throttled && script) {
      this.throttledSoFar++;
      const text =
        script.backoffMs !== undefined
          ? THROTTLE_TEXT.throttled(script.backoffMs)
          : THROTTLE_TEXT.serverUnavailable;
      send(`${tag} ${script.backoffMs !== undefined ? (script.status ?? 'BAD') : 'NO'} ${text}`);
      if (script.bye) {
        send(THROTTLE_TEXT.bye);
        end();
      }
      return true;
    }
    switch (verb) {
      case 'NAMESPACE':
        send('* NAMESPACE (("" "/")) NIL NIL');
        send(`${tag} OK NAMESPACE completed.`);
        return true;
      case 'LIST':
      case 'LSUB': {
        const pattern = args[1] ?? '';
        if (verb === 'LIST' && pattern === '') send('* LIST (\\Noselect \\HasChildren) "/" ""');
        else if (verb === 'LIST') for (const line of this.listLines()) send(line);
        send(`${tag} OK ${verb} completed.`);
        return true;
      }
      case 'STATUS': {
        const path = args[0] ?? '';
        const folder = this.folders.find((f) => f.path === path);
        if (!folder) {
          send(`${tag} NO The requested item could not be found.`);
          return true;
        }
        send(`* STATUS ${quote(folder.path)} (MESSAGES ${folder.messages} UNSEEN ${folder.unseen})`);
        send(`${tag} OK STATUS completed.`);
        return true;
      }
      case 'EXAMINE': {
        const folder = this.folders.find((f) => f.path === args[0]);
        if (!folder) {
          send(`${tag} NO The requested item could not be found.`);
          return true;
        }
        send('* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $MDNSent)');
        send(`* ${folder.messages} EXISTS`);
        send('* 0 RECENT');
        send('* OK [UIDVALIDITY 14] UIDVALIDITY value');
        send(`* OK [UIDNEXT ${folder.messages + 1}] The next unique identifier value`);
        send(`${tag} OK [READ-ONLY] EXAMINE completed.`);
        return true;
      }
      case 'NOOP':
      case 'UNSELECT':
      case 'CLOSE':
        send(`${tag} OK ${verb} completed.`);
        return true;
      default:
        return false;
    }
  }

  /** Commands of one verb received so far (attempts, throttled ones included). */
  count(verb: string): number {
    return this.received.filter((c) => c.verb === verb).length;
  }

  private listLines(): string[] {
    const paths = new Set(this.folders.map((f) => f.path));
    const lines: string[] = [];
    // Parents Exchange holds implicitly are listed too (Exchange folders always exist).
    for (const folder of this.folders) {
      const parent = folder.path.split('/').slice(0, -1).join('/');
      if (parent && !paths.has(parent)) {
        paths.add(parent);
        lines.push(`* LIST (\\Noselect \\HasChildren) "/" ${quote(parent)}`);
      }
      const hasChildren = this.folders.some((f) => f.path.startsWith(`${folder.path}/`));
      lines.push(`* LIST (${hasChildren ? '\\HasChildren' : '\\HasNoChildren'}) "/" ${quote(folder.path)}`);
    }
    return lines;
  }
}
