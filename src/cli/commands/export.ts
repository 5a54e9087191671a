import { writeFileDurable } from '../../library/durableFile';
import { renderExport } from '../../services/exportArticle';
import { ExportFormatSchema } from '../../shared/contract';
import { UsageError, absolute, exactlyOne, resolveId, withReadOnly, type CliCommand } from '../context';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: [
    `export ID --format FORMAT [--out FILE] [--library DIR]
                                                     export an article (to stdout without --out); FORMAT: ${ExportFormatSchema.options.join(', ')}`,
  ],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const id = exactlyOne(args, 'ID');
      const format = ExportFormatSchema.safeParse(options.format ?? '');
      if (!format.success) throw new UsageError(`--format must be one of: ${ExportFormatSchema.options.join(', ')}`);
      const article = await lib.get(resolveId(lib, id));
      const { data } = renderExport(article, format.data);
      if (options.out) {
        await writeFileDurable(absolute(options.out), data);
        io.stderr(`Exported “${article.headline}” to ${absolute(options.out)}\n`);
      } else {
        io.stdout(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
      }
      return 0;
    }),
};
