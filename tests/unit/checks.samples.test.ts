import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createChecker,
  defaultRulePack,
  createSpellChecker,
  type Checker,
  type CheckResult,
} from '../../src/checks';
import { loadEnglishDictionary } from '../../src/checks/node/dictionary';
import { importFile } from '../../src/importers/index';

const SAMPLES = join(import.meta.dirname, '../../../shared/samples');
// The weekday check reasons from "now" when a date has no year; pin it so the test does not age.
const NOW = new Date('2026-05-01T12:00:00Z');

let checker: Checker;
beforeAll(async () => {
  checker = createChecker({
    spell: createSpellChecker(await loadEnglishDictionary()),
    packs: [defaultRulePack()],
    now: NOW,
  });
});

const list = (r: CheckResult, kinds: string[]) =>
  r.findings.filter((f) => kinds.includes(f.kind)).map((f) => `${f.kind}:${f.rule}:${f.field}:${f.text}`);

async function checkSample(name: string): Promise<CheckResult> {
  return checker.check(await importFile(join(SAMPLES, name)));
}

describe('the riverside sample (news page copied as text)', () => {
  it('finds the repeated word, the name spelt two ways, the double space, percent and the weekday/date pair', async () => {
    const r = await checkSample('riverside-flood-barrier.txt');
    // Names and headline support: the exact set, so a false alarm on Okonjo, Raman, River Ashe,
    // "three winters" or "31-4" fails here.
    expect(list(r, ['names', 'support'])).toEqual(['names:name-spelt-two-ways:body:Field']);
    const field = r.findings.find((f) => f.kind === 'names')!;
    expect(field.suggestions).toEqual(['Feld']);
    expect(field.message).toContain('David Feld (paragraph 5)');
    expect(field.message).toContain('Mr Field (paragraph 5)');
    // Everything else, listed so that any change is noticed.
    expect(list(r, ['spelling', 'grammar', 'style', 'readability'])).toEqual([
      'spelling:repeated-word:body:the the',
      'spelling:unknown-name:body:Feld',
      'style:default/percent-word:body: percent',
      'style:default/double-space:body:  ',
      'spelling:unknown-name:body:Priya',
      'spelling:unknown-name:body:Raman',
      'style:default/weekday-date:body:Monday, March 3',
    ]);
    const weekday = r.findings.find((f) => f.rule === 'default/weekday-date')!;
    expect(weekday.message).toContain('gives no year, so the weekday cannot be checked');
    expect(r.readiness.ready).toBe(false);
    expect(r.readiness.items.filter((i) => i.status === 'fail').map((i) => i.id)).toEqual([
      'headline',
      'spelling',
      'names',
    ]);
  });

  it('finds “aproves” in the page’s repeated headline (which the importer drops from the article)', async () => {
    // The importer removes the page repeating its own headline and reports it; the typo lives
    // only there, so check the file's lines as they are.
    const text = await readFile(join(SAMPLES, 'riverside-flood-barrier.txt'), 'utf8');
    const body = {
      type: 'doc' as const,
      content: text
        .split(/\n\s*\n/)
        .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p.trim() }] })),
    };
    const r = checker.check({ headline: '', contentHighlight: '', byline: '', dateline: '', body });
    const typo = r.findings.find((f) => f.text === 'aproves');
    expect(typo).toMatchObject({ kind: 'spelling', rule: 'misspelling', severity: 'error' });
    expect(typo!.suggestions[0]).toBe('approves');
    const draft = await importFile(join(SAMPLES, 'riverside-flood-barrier.txt'));
    expect(draft.report.some((n) => n.text?.includes('aproves'))).toBe(true);
  });
});

describe('the rail strike sample (Markdown)', () => {
  it('finds Brennan / Brenan and nothing else in names and support', async () => {
    const r = await checkSample('rail-strike-draft.md');
    expect(list(r, ['names', 'support'])).toEqual(['names:name-spelt-two-ways:body:Brenan']);
    expect(r.findings.find((f) => f.kind === 'names')!.suggestions).toEqual(['Brennan']);
    expect(list(r, ['spelling', 'grammar', 'style', 'readability'])).toEqual([
      'spelling:unknown-name:body:Aoife',
    ]);
    expect(r.readiness.items.filter((i) => i.status === 'fail').map((i) => i.id)).toEqual(['names']);
  });
});

describe('the harbour ferry sample (pasted HTML)', () => {
  it('has no names or support findings', async () => {
    const r = await checkSample('harbour-ferry-paste.html');
    expect(list(r, ['names', 'support'])).toEqual([]);
    expect(list(r, ['spelling', 'grammar', 'style', 'readability'])).toEqual([
      'readability:long-sentence:body:The harbour ferry between Porthaven and St Brannock resumed service on Saturday after a six-month repair to its hull, cutting the journey for about 1,200 daily passengers from 50 minutes by road to 12 minutes by water.',
    ]);
    expect(r.readiness.ready).toBe(true);
  });
});

describe('the rail strike sample (DOCX)', () => {
  it('is checked like the Markdown draft when DOCX import exists', async (ctx) => {
    const draft = await importFile(join(SAMPLES, 'rail-strike-draft.docx')).catch((e: Error) => e);
    if (draft instanceof Error) {
      ctx.skip(`DOCX import is not available yet: ${draft.message}`);
      return;
    }
    const r = checker.check(draft);
    expect(list(r, ['names'])).toEqual(['names:name-spelt-two-ways:body:Brenan']);
  });
});
