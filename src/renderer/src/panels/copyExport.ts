import type { ExportOptions, TextExportFormat } from '../../../shared/contract';
import { api } from '../api';

/** How a toast names what was copied. */
export const COPIED_NAMES: Record<TextExportFormat, string> = {
  'html-fragment': 'the HTML fragment',
  markdown: 'the Markdown',
  text: 'the plain text',
};

/**
 * Copies an article, as last saved, to the clipboard in a text format: main renders it with the
 * file export's own code (so the fragment is sanitised the same way) and puts it on the system
 * clipboard; where main has no clipboard (a browser test bridge) the page copies it. Resolves
 * with how many characters were copied.
 */
export async function copyExportText(
  id: string,
  format: TextExportFormat,
  options: ExportOptions,
): Promise<number> {
  const { text, copied } = await api.exportToText({ id, format, options, copy: true });
  if (!copied) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      throw new Error(
        'The clipboard refused the text. Click into the Copydesk window and try again, or export to a file instead.',
      );
    }
  }
  return text.length;
}
