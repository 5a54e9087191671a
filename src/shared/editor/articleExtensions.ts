import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { Figure } from './Figure';
import {
  allowSuggestionMarksInContainers,
  ArticleDocument,
  CommentMark,
  Deletion,
  Insertion,
  Modification,
  NoteMark,
} from './ReviewMarks';
import { PullQuote } from './PullQuote';
import { Subscript } from './Subscript';
import { Superscript } from './Superscript';
import { isSafeLinkUrl } from '../urls';

/**
 * The article body's schema, shared by the editor (renderer), the exporters, importers and
 * the CLI (Node). No React and no DOM access here: what the editor shows is what exports.
 *
 * The headline is the article's only H1 and lives in its own field, so the body offers H2/H3.
 * Code and strike-through have no place in news copy; underline reads as a link on the web.
 * The kits are flattened so that container nodes accept the suggestion marks on their blocks
 * (see allowSuggestionMarksInContainers in ReviewMarks.ts).
 */
export const articleExtensions: AnyExtension[] = allowSuggestionMarksInContainers([
  // The document node allows the suggestion marks on its blocks (see ReviewMarks.ts).
  ArticleDocument,
  StarterKit.configure({
    document: false,
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['http', 'https', 'mailto'],
      // Only http(s) and mailto may be stored: a javascript: link pasted or typed is refused here,
      // and the exporter checks again.
      isAllowedUri: (url) => isSafeLinkUrl(url),
      shouldAutoLink: (url) => isSafeLinkUrl(url.includes(':') ? url : `https://${url}`),
      HTMLAttributes: { rel: null, target: null, class: null },
    },
  }),
  // After StarterKit: the pull quote's `aside.pull-quote` rule must win over a plain paragraph.
  PullQuote,
  Subscript,
  Superscript,
  Figure,
  // Column widths are layout, not copy: no resizing, and cells stay plain. The first row may be
  // a header row (tableHeader cells), exported as <thead>.
  TableKit.configure({ table: { resizable: false, renderWrapper: false } }),
  // Review: suggestions, comment anchors and notes. Never exported (shared/review/forExport.ts).
  Insertion,
  Deletion,
  Modification,
  CommentMark,
  NoteMark,
]);
