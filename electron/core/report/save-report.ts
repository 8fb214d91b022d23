import { basename, dirname, extname, join } from 'node:path';
import type { Analysis } from '../../../shared/analysis';
import type { MessageView } from '../../../shared/model';
import { type IfExists, openSaveTarget } from '../save/save-target';
import { buildReport, type ReportOptions, reportJson } from './report-document';
import { reportHtml } from './report-html';

export interface SavedReportFile {
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
}

/** "…/Report.html" → "…/Report.json"; a name without an extension gets ".json" added. */
export function jsonPathFor(htmlPath: string): string {
  const name = basename(htmlPath);
  const extension = extname(name);
  const stem = extension && extension !== name ? name.slice(0, -extension.length) : name;
  return join(dirname(htmlPath), `${stem}.json`);
}

/**
 * Writes the report of a message: the HTML page at `path` (as `ifExists` says: the save dialog
 * asked before replacing) and the JSON beside it, which never replaces a file: a name in use gets a
 * number. Either both files are there afterwards or neither is.
 */
export async function writeReportFiles(
  view: MessageView,
  analysis: Analysis,
  path: string,
  ifExists: IfExists,
  options: ReportOptions,
): Promise<{ html: SavedReportFile; json: SavedReportFile }> {
  const report = buildReport(view, analysis, options);
  const htmlTarget = await openSaveTarget(path, ifExists);
  const jsonTarget = await openSaveTarget(jsonPathFor(htmlTarget.path), 'keep-both').catch(
    async (error: unknown) => {
      await htmlTarget.abort();
      throw error;
    },
  );
  try {
    const htmlBytes = await writeAll(htmlTarget.stream, reportHtml(report));
    const jsonBytes = await writeAll(jsonTarget.stream, reportJson(report));
    await jsonTarget.commit();
    await htmlTarget.commit();
    return {
      html: { path: htmlTarget.path, name: basename(htmlTarget.path), bytes: htmlBytes },
      json: { path: jsonTarget.path, name: basename(jsonTarget.path), bytes: jsonBytes },
    };
  } catch (error) {
    await Promise.all([htmlTarget.abort(), jsonTarget.abort()]);
    throw error;
  }
}

function writeAll(stream: NodeJS.WritableStream, text: string): Promise<number> {
  const bytes = Buffer.from(text, 'utf8');
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.write(bytes, (error) => (error ? reject(error) : resolve(bytes.length)));
  });
}
