import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Article, BodyNode } from '../shared/article';
import { articleParts, type ExportHtmlOptions } from './exportHtml';
import type { DocxReview } from './docxReview';
import { fitWithin, imageSize } from './imageSize';
import { withoutForbiddenCodePoints } from './markup';

/** Options for {@link exportDocx}. */
export type ExportDocxOptions = Pick<ExportHtmlOptions, 'publishedAt'> & {
  /**
   * The bytes of the article's pictures by library asset file name (`<hash>.png`). A figure
   * whose picture is here is embedded in the document; one whose picture is not (or is WebP,
   * which Word does not read) is written as its caption, credit and alt text. Default: none.
   */
  pictures?: ReadonlyMap<string, Uint8Array>;
  /**
   * Writes the article's open suggestions and comments as Word tracked changes and comments
   * ({@link docxReview}); the article must then be the stored one, not `articleForExport`'s.
   * Default: none, the document as it would be published.
   */
  review?: DocxReview;
};

/** Paragraph style ids of the article's furniture, so a Word user (or a macro) can find them. */
export const DOCX_STYLES = {
  headline: 'Headline',
  contentHighlight: 'ContentHighlight',
  byline: 'Byline',
  dateline: 'Dateline',
  quote: 'ArticleQuote',
  caption: 'FigureCaption',
} as const;

const BULLETS = 'copydesk-bullets';
const NUMBERS = 'copydesk-numbers';
const SANS = 'Arial';
const SERIF = 'Georgia';
// Word's list levels stop at 9; deeper nesting is drawn at the deepest level.
const MAX_LEVEL = 8;
// The text area of the default A4 page with 1-inch margins, in pixels at 96 to the inch
// (6.27 × 9.69 in). A picture is kept a little shorter than the page so its caption fits under it.
const TEXT_WIDTH_PX = 601;
const PICTURE_MAX_HEIGHT_PX = 700;

interface BlockContext {
  level: number;
  quote: boolean;
  pictures?: ReadonlyMap<string, Uint8Array>;
  /** How wide a picture may be here: the page's text width, or a table column's share of it. */
  maxWidth?: number;
  review?: DocxReview;
}

/**
 * A figure: the picture itself when its bytes are at hand (sized to fit the text width, keeping
 * its shape, with the alt text as the drawing's description), then the caption and credit in
 * the FigureCaption style. Without the picture, its caption, credit and alt text in words.
 */
function figure(attrs: Record<string, unknown>, context: BlockContext): Paragraph[] {
  const text = (k: string) =>
    typeof attrs[k] === 'string' ? withoutForbiddenCodePoints(attrs[k] as string) : '';
  const file = text('src').replace(/^(?:assets\/|asset:)/, '');
  const bytes = context.pictures?.get(file);
  const size = bytes ? imageSize(bytes) : null;
  if (!bytes || !size || size.type === 'webp') {
    const parts = [text('caption'), text('credit') && `(${text('credit')})`].filter(Boolean).join(' ');
    return [
      new Paragraph({
        children: [
          new TextRun({ text: '[Picture] ', bold: true }),
          new TextRun({ text: parts, italics: true }),
          ...(text('alt') ? [new TextRun({ text: ` Alt text: ${text('alt')}` })] : []),
        ],
      }),
    ];
  }
  const out = [
    new Paragraph({
      keepNext: true,
      spacing: { after: 80 },
      children: [
        new ImageRun({
          type: size.type,
          data: bytes,
          transformation: fitWithin(size, context.maxWidth ?? TEXT_WIDTH_PX, PICTURE_MAX_HEIGHT_PX),
          altText: { name: file, description: text('alt'), title: text('caption') },
        }),
      ],
    }),
  ];
  if (text('caption') || text('credit')) {
    out.push(
      new Paragraph({
        style: DOCX_STYLES.caption,
        children: [
          ...(text('caption') ? [new TextRun(text('caption'))] : []),
          ...(text('caption') && text('credit') ? [new TextRun(' ')] : []),
          ...(text('credit') ? [new TextRun({ text: text('credit'), italics: false, color: '555555' })] : []),
        ],
      }),
    );
  }
  return out;
}

function runs(
  nodes: BodyNode[] = [],
  extra: { italics?: boolean } = {},
  review?: DocxReview,
): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      const options = { text: '', break: 1 };
      out.push(...(review ? review.run(node, options) : [new TextRun(options)]));
      continue;
    }
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    const text = withoutForbiddenCodePoints(node.text ?? '');
    const link = node.marks?.find((m) => m.type === 'link');
    const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : undefined;
    const options = {
      text,
      bold: marks.has('bold') || undefined,
      italics: marks.has('italic') || extra.italics || undefined,
      superScript: marks.has('superscript') || undefined,
      subScript: marks.has('subscript') || undefined,
      ...(href ? { style: 'Hyperlink' } : {}),
    };
    const made = review ? review.run(node, options) : [new TextRun(options)];
    out.push(...(href ? [new ExternalHyperlink({ link: href, children: made })] : made));
  }
  return out;
}

function blocks(nodes: BodyNode[] = [], context: BlockContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const quoteStyle: IParagraphOptions = context.quote ? { style: DOCX_STYLES.quote } : {};
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push(
          new Paragraph({
            ...quoteStyle,
            ...context.review?.paragraph(node),
            children: runs(node.content, {}, context.review),
          }),
        );
        break;
      case 'heading':
        out.push(
          new Paragraph({
            heading: node.attrs?.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2,
            ...context.review?.paragraph(node),
            children: runs(node.content, {}, context.review),
          }),
        );
        break;
      case 'horizontalRule':
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '* * *' })],
          }),
        );
        break;
      case 'blockquote':
      case 'pullQuote':
        out.push(...blocks(node.content, { ...context, quote: true }));
        break;
      case 'table':
        out.push(table(node, context));
        break;
      case 'figure':
        out.push(...figure(node.attrs ?? {}, context));
        break;
      case 'bulletList':
      case 'orderedList': {
        const reference = node.type === 'bulletList' ? BULLETS : NUMBERS;
        const level = Math.min(context.level, MAX_LEVEL);
        // Each numbered list restarts at its own first number: a new instance per list.
        const instance = node.type === 'orderedList' ? ++numberedLists : 0;
        for (const item of node.content ?? []) {
          (item.content ?? []).forEach((child, i) => {
            if (child.type === 'paragraph') {
              out.push(
                new Paragraph({
                  ...quoteStyle,
                  ...context.review?.paragraph(child),
                  children: runs(child.content, {}, context.review),
                  ...(i === 0
                    ? { numbering: { reference, level, instance } }
                    : { indent: { left: 720 * (level + 1) } }),
                }),
              );
            } else out.push(...blocks([child], { ...context, level: context.level + 1 }));
          });
        }
        break;
      }
      default:
        out.push(...blocks(node.content, context));
    }
  }
  return out;
}

let numberedLists = 0;

/** A body table as a Word table: header rows repeat on each page, cells keep their paragraphs. */
function table(node: BodyNode, context: BlockContext): Table {
  const rows = (node.content ?? []).map((row) => {
    const cells = row.content ?? [];
    // A picture in a cell is kept to the cell's share of the page width.
    const maxWidth = Math.floor((context.maxWidth ?? TEXT_WIDTH_PX) / Math.max(1, cells.length)) - 16;
    return new TableRow({
      tableHeader: cells.length > 0 && cells.every((c) => c.type === 'tableHeader'),
      children: cells.map((cell) => {
        const children = blocks(cell.content, {
          level: 0,
          quote: false,
          pictures: context.pictures,
          review: context.review,
          maxWidth: Math.max(16, maxWidth),
        });
        return new TableCell({
          columnSpan: typeof cell.attrs?.colspan === 'number' ? cell.attrs.colspan : undefined,
          rowSpan: typeof cell.attrs?.rowspan === 'number' ? cell.attrs.rowspan : undefined,
          // Word refuses a cell without a paragraph.
          children: children.length > 0 ? children : [new Paragraph({})],
        });
      }),
    });
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

/**
 * Exports an article as a Word document (.docx) with the `docx` library: the headline, Content
 * Highlight, byline and dateline each in a paragraph style of its own (Headline,
 * ContentHighlight, Byline, Dateline), then the body with Heading 2/3, bold, italic, hyperlinks,
 * bulleted and numbered lists, quotes, tables and figures (the pictures embedded when
 * `options.pictures` has their bytes). Opens in Word and LibreOffice.
 */
export async function exportDocx(article: Article, options: ExportDocxOptions = {}): Promise<Uint8Array> {
  const parts = articleParts(article, options);
  numberedLists = 0;
  const { review } = options;
  // With review, a field with a suggestion or comment is written by the review layer (even empty).
  const [headline, highlight, byline] = (['headline', 'contentHighlight', 'byline'] as const).map((f) =>
    review?.field(f, f === 'headline' ? parts.headline : f === 'byline' ? parts.byline : parts.highlight),
  );
  const header: Paragraph[] = [
    new Paragraph({ style: DOCX_STYLES.headline, children: headline ?? [new TextRun(parts.headline)] }),
  ];
  if (parts.highlight || highlight)
    header.push(
      new Paragraph({
        style: DOCX_STYLES.contentHighlight,
        children: highlight ?? [new TextRun(parts.highlight)],
      }),
    );
  if (parts.byline || byline)
    header.push(
      new Paragraph({ style: DOCX_STYLES.byline, children: byline ?? [new TextRun(parts.byline)] }),
    );
  header.push(
    new Paragraph({
      style: DOCX_STYLES.dateline,
      children: [
        new TextRun(
          parts.dateline ? `${parts.dateline.toUpperCase()}, ${parts.displayDate}` : parts.displayDate,
        ),
      ],
    }),
  );
  const body = blocks((review?.body ?? parts.body).content, {
    level: 0,
    quote: false,
    pictures: options.pictures,
    review,
  });
  const numberingLevels = (format: 'bullet' | 'decimal') =>
    Array.from({ length: MAX_LEVEL + 1 }, (_, level) => ({
      level,
      format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
      text: format === 'bullet' ? ['•', '◦', '▪'][level % 3]! : `%${level + 1}.`,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    }));

  const doc = new Document({
    creator: parts.authors.map((a) => a.name).join(', ') || 'Copydesk',
    title: parts.headline,
    description: parts.highlight,
    keywords: parts.tags.join(', '),
    // Fixed dates from the article, so the same article gives the same document.
    lastModifiedBy: 'Copydesk',
    styles: {
      default: {
        document: { run: { font: SERIF, size: 23 }, paragraph: { spacing: { after: 160, line: 300 } } },
      },
      paragraphStyles: [
        {
          id: DOCX_STYLES.headline,
          name: 'Headline',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: SANS, size: 44, bold: true },
          paragraph: { spacing: { after: 200 }, keepNext: true },
        },
        {
          id: DOCX_STYLES.contentHighlight,
          name: 'Content Highlight',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 28, color: '333333' },
          paragraph: { spacing: { after: 200 } },
        },
        {
          id: DOCX_STYLES.byline,
          name: 'Byline',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: SANS, size: 20, bold: true },
          paragraph: { spacing: { after: 40 } },
        },
        {
          id: DOCX_STYLES.dateline,
          name: 'Dateline',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: SANS, size: 20, color: '555555', allCaps: false },
          paragraph: {
            spacing: { after: 360 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'BBBBBB', space: 8 } },
          },
        },
        {
          id: DOCX_STYLES.caption,
          name: 'Figure Caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: SANS, size: 18, color: '333333' },
          paragraph: { spacing: { after: 240 } },
        },
        {
          id: DOCX_STYLES.quote,
          name: 'Article Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, color: '333333' },
          paragraph: {
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: '9B1C1C', space: 8 } },
          },
        },
      ],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: numberingLevels('bullet') },
        { reference: NUMBERS, levels: numberingLevels('decimal') },
      ],
    },
    sections: [{ children: [...header, ...body] }],
    ...review?.documentOptions(),
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
