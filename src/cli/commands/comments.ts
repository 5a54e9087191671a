import { bodyNode } from '../../shared/review/forExport';
import { commentReport, type CommentReport } from '../../shared/review/comments';
import { exactlyOne, resolveId, withReadOnly, type CliCommand } from '../context';

const ANCHOR_LABELS: Record<CommentReport['anchor'], string> = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
  body: 'Body',
};

export const commentsCommand: CliCommand = {
  name: 'comments',
  usage: ['comments ID [--library DIR] [--json]      list an article’s comment threads in document order'],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const article = await lib.get(resolveId(lib, exactlyOne(args, 'ID')));
      const threads = commentReport(article, bodyNode(article.body));
      if (options.json) {
        io.stdout(`${JSON.stringify(threads, null, 2)}\n`);
        return 0;
      }
      if (threads.length === 0) io.stdout('This article has no comments.\n');
      for (const t of threads) io.stdout(describe(t));
      return 0;
    }),
};

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function describe(t: CommentReport): string {
  const state = [t.resolved ? 'resolved' : 'open', ...(t.orphaned ? ['text deleted'] : [])].join(', ');
  const lines = [`${ANCHOR_LABELS[t.anchor]} · “${t.quote}” · ${state} · ${t.id}`];
  for (const m of t.messages) {
    const edited = m.editedAt ? ' (edited)' : '';
    lines.push(`  ${m.author.name || 'Unnamed'}, ${when(m.at)}${edited}: ${m.text.replace(/\n/g, '\n    ')}`);
  }
  if (t.resolved && t.resolvedBy)
    lines.push(
      `  Resolved by ${t.resolvedBy.name || 'Unnamed'}${t.resolvedAt ? `, ${when(t.resolvedAt)}` : ''}`,
    );
  return `${lines.join('\n')}\n\n`;
}
