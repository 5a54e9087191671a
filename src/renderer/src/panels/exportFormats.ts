import { ExportFormatSchema, type ExportFormat } from '../../../shared/contract';

/** How each export format is offered, in words a producer knows. */
export const EXPORT_FORMAT_INFO: Record<ExportFormat, { label: string; hint: string }> = {
  html: { label: 'Publish-ready HTML', hint: 'A complete web page, optionally in a house template.' },
  'html-fragment': { label: 'HTML fragment', hint: 'Just the article markup, to paste into a CMS.' },
  markdown: { label: 'Markdown', hint: 'With the fields as front matter.' },
  text: { label: 'Plain text', hint: 'For wires and email; wrapped at 72 characters if you like.' },
  docx: { label: 'Word (.docx)', hint: 'Opens in Word and LibreOffice.' },
  nitf: { label: 'NITF 3.6', hint: 'News Industry Text Format XML for partners.' },
  ninjs: { label: 'ninjs', hint: 'IPTC’s JSON for news (3.1 or 2.2).' },
  pdf: { label: 'PDF', hint: 'For legal and print.' },
};

/** Every format the contract offers, in its order; unknown new ones get their own name as label. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ExportFormatSchema.options;

export function formatLabel(format: ExportFormat): string {
  return EXPORT_FORMAT_INFO[format]?.label ?? format;
}
