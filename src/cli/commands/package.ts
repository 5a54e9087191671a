import { writeReviewPackage } from '../../services/reviewPackage';
import { REVIEW_PACKAGE_EXTENSION } from '../../shared/review/package';
import { UsageError, absolute, exactlyOne, resolveId, withWritable, type CliCommand } from '../context';

export const packageCommand: CliCommand = {
  name: 'package',
  usage: [
    `package ID --out FILE${REVIEW_PACKAGE_EXTENSION} [--by NAME] [--library DIR] [--json]   send for review: write the article's review package`,
  ],
  run: ({ args, options, libraryDir, io }) =>
    withWritable(libraryDir, async (lib) => {
      const idOrPrefix = exactlyOne(args, 'article ID');
      if (typeof options.out !== 'string' || !options.out) {
        throw new UsageError(`package needs --out FILE (a ${REVIEW_PACKAGE_EXTENSION} file to write)`);
      }
      const id = resolveId(lib, idOrPrefix);
      const by = typeof options.by === 'string' ? options.by : lib.settings.authorName;
      const result = await writeReviewPackage(lib, id, absolute(options.out), { name: by });
      io.stdout(
        options.json
          ? `${JSON.stringify({ id, ...result })}\n`
          : `Wrote the review package of ${id} to ${result.path} (${result.revisions} revisions). Open it in the reviewer's Copydesk, or with \`copydesk import\`.\n`,
      );
      return 0;
    }),
};
