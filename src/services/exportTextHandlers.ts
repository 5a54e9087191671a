import type { MethodOutputs, MethodParsedInput } from '../shared/contract';
import { CopydeskError } from '../shared/errors';
import type { Workspace } from './workspace';
import { relatedLookup, renderExport } from './exportArticle';

/** What the text-export handler needs from the composition root. */
export interface ExportTextDeps {
  workspace: Workspace;
  /** Puts text on the system clipboard (Electron's `clipboard` in main). Without it the renderer copies. */
  copyToClipboard?(text: string): void;
}

/**
 * `exportToText`: an article as HTML fragment, Markdown or plain text, made by the same
 * `renderExport` as the file export (so the fragment is sanitised the same way), for the
 * clipboard. The article is read as last saved: the renderer saves first.
 */
export function createExportTextHandlers(deps: ExportTextDeps): {
  exportToText(input: MethodParsedInput<'exportToText'>): Promise<MethodOutputs['exportToText']>;
} {
  return {
    async exportToText({ id, format, options, copy }) {
      const library = deps.workspace.library;
      const article = await library.get(id);
      const { data } = await renderExport(article, format, options, {
        libraryDir: library.dir,
        related: relatedLookup(library),
      });
      // The three formats are text; a Uint8Array here would be a bug in the switch over formats.
      if (typeof data !== 'string') {
        throw new CopydeskError('export-failed', `A ${format} export is not text and cannot be copied.`);
      }
      if (copy && deps.copyToClipboard) {
        deps.copyToClipboard(data);
        return { text: data, copied: true };
      }
      return { text: data, copied: false };
    },
  };
}
