import { ARTICLE_SCHEMA_VERSION, ArticleSchema, type Article } from '../shared/article';
import { checkBody } from '../shared/editor/schema';
import { CopydeskError } from '../shared/errors';

/**
 * Turns the JSON of an article file into a valid Article: refuses files from a newer
 * Copydesk (they are left untouched for that app), migrates older ones, validates the fields
 * with zod and the body against the editor schema.
 */
export function parseArticle(json: unknown): Article {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > ARTICLE_SCHEMA_VERSION) {
    throw new CopydeskError(
      'newer-version',
      `This article was saved by a newer version of Copydesk (format ${version}). Update Copydesk to open it; the file is left untouched.`,
    );
  }
  const migrated = migrate(json);
  const article = ArticleSchema.parse(migrated);
  checkBody(article.body);
  return article;
}

/** Brings an older article file up to the current format. Version 1 is the first; nothing to do yet. */
function migrate(json: unknown): unknown {
  return json;
}

/** Serialises an article exactly as it is stored: stable key order, one space indent, final newline. */
export function serialiseArticle(article: Article): string {
  return `${JSON.stringify(article, null, 1)}\n`;
}
