import { readdirSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, SUPPORTED_IMPORT_EXTENSIONS } from '../../src/importers';
import type { ArticleDraft, BodyMark, BodyNode } from '../../src/shared/article';
import { ArticleContentSchema } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { bodyText } from '../../src/shared/text';

const SAMPLES = resolve(import.meta.dirname, '../../../shared/samples');
const sample = (name: string): string => resolve(SAMPLES, name);

/** Every text node of a body with the marks on it. */
function textRuns(node: BodyNode): Array<{ text: string; marks: BodyMark[] }> {
  if (node.type === 'text') return [{ text: node.text ?? '', marks: node.marks ?? [] }];
  return (node.content ?? []).flatMap(textRuns);
}

function nodesOfType(node: BodyNode, type: string): BodyNode[] {
  const own = node.type === type ? [node] : [];
  return [...own, ...(node.content ?? []).flatMap((child) => nodesOfType(child, type))];
}

function hasMark(draft: ArticleDraft, text: string, mark: string): boolean {
  return textRuns(draft.body).some((run) => run.text === text && run.marks.some((m) => m.type === mark));
}

function noteTexts(draft: ArticleDraft, kind: 'dropped' | 'moved'): string[] {
  return draft.report.filter((n) => n.kind === kind).map((n) => n.text ?? '');
}

function expectValidDraft(draft: ArticleDraft): void {
  expect(() => checkBody(draft.body)).not.toThrow();
  expect(() => ArticleContentSchema.parse(draft)).not.toThrow();
}

describe('the Riverside web-page copy (plain text)', async () => {
  const draft = await importFile(sample('riverside-flood-barrier.txt'));
  const body = bodyText(draft.body);

  it('finds the headline, byline without "by", dateline and Content Highlight', () => {
    expect(draft.headline).toBe(
      'Riverside council approves £12m flood barrier after third winter of flooding',
    );
    expect(draft.byline).toBe('Riverside Gazette');
    expect(draft.dateline).toBe('Riverside');
    expect(draft.contentHighlight).toBe(
      'Riverside council votes 31-4 for a £12m River Ashe flood barrier after three winters of flooding',
    );
    expect(draft.sourceName).toBe('riverside-flood-barrier.txt');
    expectValidDraft(draft);
  });

  it('starts the body with the first paragraph, its dateline moved out', () => {
    const first = draft.body.content?.[0];
    expect(first?.type).toBe('paragraph');
    expect(bodyText(first)).toMatch(/^Councillors voted 31 to 4/);
    expect(body).not.toContain('Riverside:');
  });

  it('reports the repeated headline and the page furniture as dropped, and keeps them out of the body', () => {
    const dropped = noteTexts(draft, 'dropped');
    expect(dropped).toContain('‘Riverside council aproves £12m flood barrier’; residents welcome decision');
    expect(dropped).toContain('You may also like');
    expect(dropped).toContain('Leave a Comment');
    expect(body).not.toContain('aproves');
    expect(body).not.toContain('You may also like');
    expect(body).not.toContain('Leave a Comment');
    expect(body).not.toContain('Content Highlight');
  });

  it('keeps the copy errors for the copy desk: the repeated word, the misspelt name, the double space', () => {
    expect(body).toContain('Ms Okonjo told the the meeting.');
    expect(body).toContain('David Feld');
    expect(body).toContain('Mr Field argued');
    expect(body).toContain('welcomed the vote.  Priya Raman');
    expect(body).toContain('60 percent');
  });

  it('loses nothing silently: every line of the file is in a field, the body or a report note', () => {
    const lines = readFileSync(sample('riverside-flood-barrier.txt'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const noted = draft.report.map((n) => n.text ?? '');
    for (const line of lines) {
      const whole = [draft.headline, body, ...noted].some((piece) => piece.includes(line));
      const split = noted.some(
        (n) => n !== '' && line.startsWith(n) && body.includes(line.slice(n.length).trim()),
      );
      expect(whole || split, line).toBe(true);
    }
  });
});

describe('the rail-strike Markdown draft', async () => {
  const draft = await importFile(sample('rail-strike-draft.md'));

  it('takes the fields from the front matter, names with accents intact', () => {
    expect(draft.headline).toBe('Rail strike set to cancel half of commuter services on Friday');
    expect(draft.contentHighlight).toBe(
      'Unions say 4,000 drivers will walk out in a dispute over rosters; operators plan a reduced timetable from 7am',
    );
    expect(draft.byline).toBe('Tomasz Wiśniewski, Transport Correspondent');
    expect(draft.dateline).toBe('Manchester');
    expect(draft.section).toBe('Business');
    expect(draft.tags).toEqual(['transport', 'strikes', 'north-west']);
    expect(draft.report.filter((n) => n.kind !== 'moved')).toEqual([]);
    expectValidDraft(draft);
  });

  it('keeps the subheading, the list, the quote, the link and the bold', () => {
    const headings = nodesOfType(draft.body, 'heading');
    expect(headings.map((h) => [h.attrs?.level, bodyText(h)])).toEqual([[2, 'Which services will run?']]);
    const lists = nodesOfType(draft.body, 'bulletList');
    expect(lists).toHaveLength(1);
    expect(lists[0].content?.map((item) => bodyText(item))).toEqual([
      'Manchester to Liverpool: one train an hour',
      'Manchester to Preston: two trains an hour',
      'Airport services: no change',
    ]);
    const quotes = nodesOfType(draft.body, 'blockquote');
    expect(quotes).toHaveLength(1);
    expect(bodyText(quotes[0])).toContain('Aoife Brennan');
    const link = textRuns(draft.body).find((run) => run.marks.some((m) => m.type === 'link'));
    expect(link?.text).toBe('the operators’ website');
    expect(link?.marks.find((m) => m.type === 'link')?.attrs?.href).toBe(
      'https://example.com/strike-timetable',
    );
    expect(hasMark(draft, '4,000 train drivers', 'bold')).toBe(true);
    expect(hasMark(draft, 'absolutely necessary', 'italic')).toBe(true);
    expect(bodyText(draft.body)).toContain('Ms Brenan said');
  });
});

describe('the harbour ferry paste from Google Docs and Word (HTML)', async () => {
  const draft = await importFile(sample('harbour-ferry-paste.html'));
  const json = JSON.stringify(draft.body);
  const body = bodyText(draft.body);

  it('finds the headline, byline, dateline and the Wingdings Content Highlight', () => {
    expect(draft.headline).toBe('Harbour ferry returns after six-month repair');
    expect(draft.byline).toBe('Hannah Cole');
    expect(draft.dateline).toBe('PORTHAVEN');
    expect(draft.contentHighlight).toBe(
      'Porthaven ferry back in service after six-month hull repair, cutting a 50-minute drive to 12 minutes',
    );
    expect(bodyText(draft.body.content?.[0])).toMatch(/^The harbour ferry between Porthaven/);
    expect(body).not.toContain('Content Highlight');
    expect(body).not.toContain('By Hannah Cole');
    expectValidDraft(draft);
  });

  it('keeps bold from inline styles but not the Google Docs wrapper', () => {
    expect(hasMark(draft, 'cutting the journey', 'bold')).toBe(true);
    const plain = textRuns(draft.body).find((run) => run.text.startsWith('The harbour ferry'));
    expect(plain?.marks).toEqual([]);
  });

  it('keeps nothing active: no javascript: link, script, frame, style or event handler', () => {
    const links = textRuns(draft.body).flatMap((run) => run.marks.filter((m) => m.type === 'link'));
    expect(links.map((m) => m.attrs?.href)).toEqual(['https://example.com/ferry']);
    expect(body).toContain('Buy tickets');
    expect(textRuns(draft.body).find((run) => run.text.includes('Buy tickets'))?.marks).toEqual([]);
    for (const forbidden of [
      'javascript',
      'alert',
      'steal',
      'document.cookie',
      'attacker',
      'display:none',
      'onerror',
      'onclick',
    ]) {
      expect(json).not.toContain(forbidden);
    }
    expect(body).toContain('Tickets cost £2.50 each way.');
    expect(body).toContain('The operator, Brannock Marine, said');
  });

  it('reports the removed link and picture', () => {
    expect(noteTexts(draft, 'dropped')).toContain('Buy tickets');
    expect(draft.report.some((n) => /picture/.test(n.message))).toBe(true);
  });
});

describe('the Word sample', () => {
  it('imports with the headline, Content Highlight, byline, dateline and section from the document, and the body from Word', async () => {
    const draft = await importFile(sample('rail-strike-draft.docx'));
    expect(draft.headline).toBe('Rail strike set to cancel half of commuter services on Friday');
    expect(draft.byline).toBe('Tomasz Wiśniewski, Transport Correspondent');
    expect(draft.dateline).toBe('Manchester');
    expect(draft.section).toBe('Business');
    expect(draft.contentHighlight).toMatch(/^Unions say 4,000 drivers/);
    const text = bodyText(draft.body);
    expect(text).toMatch(/^Half of all commuter rail services/);
    expect(text).toContain('Which services will run?');
    expect(() => checkBody(draft.body)).not.toThrow();
  });
});

describe('every file in the shared samples', () => {
  const files = readdirSync(SAMPLES).filter((name) => name !== 'README.md');

  it.each(files)('%s imports to a valid article with a headline, or is refused clearly', async (name) => {
    const extension = extname(name).toLowerCase();
    if ((SUPPORTED_IMPORT_EXTENSIONS as readonly string[]).includes(extension)) {
      const draft = await importFile(sample(name));
      expect(draft.headline).not.toBe('');
      expectValidDraft(draft);
    } else {
      await expect(importFile(sample(name))).rejects.toMatchObject({ code: 'import-failed' });
    }
  });
});
