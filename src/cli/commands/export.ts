import { stat } from 'node:fs/promises';
import { chromiumPdfRenderer, chromiumPath } from '../../services/chromiumPdf';
import { libraryReadiness } from '../../checks/node/libraryChecker';
import { assertExportable, assertPublishReady, reviewItemViews } from '../../services/deskStatus';
import { relatedLookup, renderExport, writeExport } from '../../services/exportArticle';
import { exportMany } from '../../services/exportMany';
import { DESK_STATUSES, type DeskStatus } from '../../shared/article';
import { ExportFormatSchema, type ExportFormat, type ExportOptions } from '../../shared/contract';
import { UsageError, absolute, resolveId, withReadOnly, type CliCommand } from '../context';

const FORMATS = ExportFormatSchema.options.join(', ');
// Formats whose bytes are not text: never written to a terminal.
const BINARY: ReadonlySet<ExportFormat> = new Set(['docx', 'pdf']);

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: [
    `export ID --format FORMAT [--out FILE] [--template NAME] [--wrap] [--library DIR]
                                                     export an article (to stdout without --out); FORMAT: ${FORMATS}`,
    `export ID... --format FORMAT --out DIR            export several articles into a folder, one file each`,
    `export ... --format html --override REASON      publish-ready HTML of an article that fails the readiness check
                                                     (see \`copydesk check\`): exported anyway, the reason printed`,
    `export ... --as-original                          publish-ready HTML of an article with open suggestions or
                                                     comments: the original text, as if every suggestion were rejected`,
    `export ID --format docx --review --out FILE       Word with the open suggestions as tracked changes and the
                                                     comments as Word comments (notes are never exported)`,
    `export --status STATUS --format FORMAT --out DIR  export every article with a desk status (e.g. ready-to-publish)`,
  ],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const parsed = ExportFormatSchema.safeParse(options.format ?? '');
      if (!parsed.success) throw new UsageError(`--format must be one of: ${FORMATS}`);
      const format = parsed.data;
      const exportOptions: ExportOptions = {
        ...(typeof options.template === 'string' ? { template: options.template } : {}),
        ...(options.wrap === true ? { wrapText: true } : {}),
        ...(options['as-original'] === true ? { asOriginal: true, suggestions: 'reject' as const } : {}),
        ...(options.review === true ? { review: true } : {}),
      };
      if (exportOptions.review && format !== 'docx')
        throw new UsageError(
          '--review writes suggestions and comments as Word tracked changes: use it with --format docx',
        );
      const override = typeof options.override === 'string' ? options.override.trim() : undefined;
      if (override === '') throw new UsageError('--override needs a reason');
      if (override !== undefined && format !== 'html')
        throw new UsageError('--override passes the publish-readiness check of --format html only');
      // Chromium is only started when a PDF is actually printed; the checker when HTML is checked.
      const context = {
        libraryDir,
        pdf: chromiumPdfRenderer(chromiumPath(io.env)),
        related: relatedLookup(lib),
        readiness: libraryReadiness(lib, (p) =>
          io.stderr(`copydesk: ${p.message} (the pack was not used)\n`),
        ),
        ...(override !== undefined && { readinessOverride: override }),
      };
      const sayOverridden = (headline: string, items: string[]): void => {
        if (items.length === 0) return;
        io.stderr(
          `“${headline}” exported with ${items.length} readiness item${items.length === 1 ? '' : 's'} overridden (${override}):\n${items.map((i) => `  ${i}\n`).join('')}`,
        );
      };
      const status = options.status;
      const out = typeof options.out === 'string' ? absolute(options.out) : undefined;

      const batch =
        status !== undefined || args.length > 1 || (out !== undefined && (await isDirectory(out)));
      if (batch) {
        if (status !== undefined && args.length > 0)
          throw new UsageError('give article ids or --status, not both');
        if (status !== undefined && !(DESK_STATUSES as readonly string[]).includes(status)) {
          throw new UsageError(`--status must be one of: ${DESK_STATUSES.join(', ')}`);
        }
        if (!out)
          throw new UsageError('exporting several articles needs --out DIR, the folder to write them into');
        const selection =
          status !== undefined ? { status: status as DeskStatus } : args.map((a) => resolveId(lib, a));
        const result = await exportMany(
          lib,
          selection,
          format,
          out,
          (done, total) => io.stderr(`\rExporting ${done}/${total}…`),
          exportOptions,
          context,
        );
        if (result.exported.length + result.skipped.length > 0) io.stderr('\n');
        if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        else {
          for (const e of result.exported) {
            io.stdout(`${e.id}\t${e.file}\n`);
            sayOverridden(e.headline, e.overridden ?? []);
          }
          for (const s of result.skipped) io.stderr(`skipped ${s.id}: ${s.reason}\n`);
        }
        io.stderr(
          `Exported ${result.exported.length} article${result.exported.length === 1 ? '' : 's'} to ${out}` +
            `${result.skipped.length > 0 ? `; ${result.skipped.length} skipped` : ''}.\n`,
        );
        return result.skipped.length > 0 ? 1 : 0;
      }

      if (args.length !== 1)
        throw new UsageError('expected exactly one ID, several IDs with --out DIR, or --status');
      const article = await lib.get(resolveId(lib, args[0]!));
      // Publish-ready HTML refuses open review (unless --as-original); other formats warn.
      assertExportable(article, format, exportOptions);
      // …and the publish-readiness check, as in the app (--override passes it, said on stderr).
      sayOverridden(
        article.headline,
        await assertPublishReady(article, format, exportOptions, context.readiness, override),
      );
      const open = reviewItemViews(article);
      if (open.length > 0 && exportOptions.review) {
        io.stderr(
          `“${article.headline}”: ${open.length} open review item${open.length === 1 ? '' : 's'} written as Word tracked changes and comments (notes are left out).\n`,
        );
      } else if (open.length > 0) {
        io.stderr(
          `Warning: “${article.headline}” has open review, which is never exported (suggestions go out as ${exportOptions.suggestions === 'accept' ? 'accepted' : 'the original text'}):\n${open.map((i) => `  ${i.kind} by ${i.author}: ${i.text}\n`).join('')}`,
        );
      }
      if (!out && BINARY.has(format))
        throw new UsageError(`--format ${format} writes a binary file: give --out FILE`);
      const { data, relatedLeftOut } = await renderExport(article, format, exportOptions, context);
      if (relatedLeftOut.length > 0) {
        io.stderr(
          `Left out ${relatedLeftOut.length} related stor${relatedLeftOut.length === 1 ? 'y' : 'ies'} no longer in the library (${relatedLeftOut.join(', ')}): restore ${relatedLeftOut.length === 1 ? 'it' : 'them'} from the trash or remove ${relatedLeftOut.length === 1 ? 'it' : 'them'} from the article's related list.\n`,
        );
      }
      if (out) {
        await writeExport(article, format, data, out, context);
        io.stderr(`Exported “${article.headline}” to ${out}\n`);
      } else {
        io.stdout(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
      }
      return 0;
    }),
};
