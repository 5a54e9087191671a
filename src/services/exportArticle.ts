import { writeFileDurable } from '../library/durableFile';
import type { Article } from '../shared/article';
import type { ExportFormat } from '../shared/contract';
import { exportHtml, suggestedFileName } from '../exporters/exportHtml';

/** The bytes of `article` in `format`. One exporter per format, each a pure function. */
export function renderExport(article: Article, format: ExportFormat): { data: string | Uint8Array; fileName: string } {
  switch (format) {
    case 'html':
      return { data: exportHtml(article), fileName: suggestedFileName(article) };
  }
}

/** Renders and writes an export atomically: a failed export never leaves half a file. */
export async function exportArticleTo(article: Article, format: ExportFormat, path: string): Promise<void> {
  const { data } = renderExport(article, format);
  await writeFileDurable(path, data);
}
