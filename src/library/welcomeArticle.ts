import type { ArticleContent, BodyNode } from '../shared/article';

const text = (t: string, marks?: string[]): BodyNode =>
  marks ? { type: 'text', text: t, marks: marks.map((type) => ({ type })) } : { type: 'text', text: t };
const p = (...content: BodyNode[]): BodyNode => ({ type: 'paragraph', content });
const h2 = (t: string): BodyNode => ({ type: 'heading', attrs: { level: 2 }, content: [text(t)] });
const li = (...content: BodyNode[]): BodyNode => ({ type: 'listItem', content: [p(...content)] });

/** The article a new library starts with: it shows every field and how to work with Copydesk. */
export function welcomeArticle(): ArticleContent {
  return {
    headline: 'Welcome to Copydesk: your newsroom desk, offline',
    contentHighlight:
      'A short tour of the editor: headline, Content Highlight, byline, dateline, body formatting, import and export',
    byline: 'The Copydesk team',
    dateline: 'London',
    section: 'Help',
    tags: ['welcome'],
    body: {
      type: 'doc',
      content: [
        p(
          text('Copydesk keeps every story in a library folder on this computer and '),
          text('saves as you type', ['bold']),
          text(
            ': there is no save button to forget. The status line at the bottom says when your words are safe.',
          ),
        ),
        h2('The fields of a story'),
        p(
          text('The '),
          text('headline', ['bold']),
          text(' and the '),
          text('Content Highlight', ['bold']),
          text(
            ' (the one-line summary under it) show a live count against the desk’s budget. The byline and dateline have their own fields, so they never get lost in the body.',
          ),
        ),
        h2('Formatting the body'),
        {
          type: 'bulletList',
          content: [
            li(
              text('Subheadings: '),
              text('Ctrl+Alt+2', ['italic']),
              text(' and '),
              text('Ctrl+Alt+3', ['italic']),
            ),
            li(
              text('Bold and italic: '),
              text('Ctrl+B', ['italic']),
              text(' and '),
              text('Ctrl+I', ['italic']),
            ),
            li(text('Links (http, https and mailto only): '), text('Ctrl+K', ['italic'])),
            li(text('Lists, block quotes and a rule from the toolbar')),
          ],
        },
        {
          type: 'blockquote',
          content: [
            p(text('“Quotes stand out as block quotes, and export as such,” as one sub-editor put it.')),
          ],
        },
        h2('Bringing stories in and sending them on'),
        {
          type: 'orderedList',
          attrs: { start: 1 },
          content: [
            li(
              text('Import', ['bold']),
              text(
                ' a text file copied from a web page or a Markdown draft: Copydesk finds the headline, byline, dateline and Content Highlight, drops page clutter and tells you what it dropped.',
              ),
            ),
            li(
              text('Export', ['bold']),
              text(
                ' publish-ready HTML: one clean, valid page with the headline, summary, byline and structured data.',
              ),
            ),
          ],
        },
        { type: 'horizontalRule' },
        p(
          text('Read more in the '),
          {
            type: 'text',
            text: 'Copydesk guide',
            marks: [{ type: 'link', attrs: { href: 'https://example.com/copydesk-guide' } }],
          },
          text('. Delete this article whenever you like: it goes to the trash, not into thin air.'),
        ),
      ],
    },
  };
}
