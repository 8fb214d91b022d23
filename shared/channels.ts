/**
 * The method names of the Api, without their schemas. The sandboxed preload imports only this
 * (it cannot load zod at run time); shared/ipc.ts checks at compile time that it matches the contract.
 */
export const METHODS = [
  'app.getInfo',
  'app.diagnostics',
  'sources.openSample',
  'sources.openPath',
  'sources.openProfile',
  'sources.pickPath',
  'sources.close',
  'sources.refresh',
  'messages.list',
  'messages.cancelSearch',
  'messages.searchAll',
  'messages.findMessageId',
  'messages.get',
  'messages.raw',
  'messages.analyze',
  'events.next',
  'messages.saveEml',
  'messages.savePart',
  'messages.saveReport',
  'messages.saveAll',
  'messages.openPart',
  'files.pickSaveTarget',
  'files.defaultFolder',
  'transfers.cancel',
  'export.prepare',
  'export.run',
  'frames.put',
  'links.open',
  'profiles.list',
  'profiles.save',
  'profiles.duplicate',
  'profiles.remove',
  'profiles.export',
  'profiles.import',
  'profiles.inspectCertificate',
  'profiles.adminScript',
  'diagnostics.run',
  'auth.start',
  'auth.wait',
  'auth.cancel',
  'auth.signOut',
] as const;

export type Method = (typeof METHODS)[number];

/** The Electron IPC channel that carries a method. */
export function channelOf(method: Method): string {
  return `mailscope:${method}`;
}

export function isMethod(value: unknown): value is Method {
  return typeof value === 'string' && (METHODS as readonly string[]).includes(value);
}
