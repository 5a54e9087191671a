import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One measured figure, side by side with its baseline from the same process. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** The goal as the issue states it, e.g. "≤ 300 ms" or "ratio ≤ 1.2". */
  goal?: string;
  /** Whether the goal was met, when it can be judged from the figures. */
  met?: boolean;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(options: { quick: boolean }): Promise<BenchRow[]>;
}

export const RESULTS_DIR = join(import.meta.dirname, '../../bench/results');

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** What {@link withPauses} measured, in milliseconds. */
export interface Pauses {
  totalMs: number;
  /** The longest stretch without a turn of the event loop. */
  longestMs: number;
  /** The same, less the garbage collection within each stretch: the code's own longest step. */
  longestOutsideGcMs: number;
}

/**
 * Runs `fn`, timing it and the longest stretch meanwhile without a turn of the event loop: how
 * long an IPC message (a save, opening an article) could have waited for the main process. A
 * `setImmediate` chain notes every turn; V8's garbage collections (their start and length, from
 * `perf_hooks`) are taken out of the stretch they fell in, to tell the code's own steps apart.
 */
export async function withPauses(fn: () => Promise<unknown>): Promise<Pauses> {
  const gcs: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const stretches: { start: number; end: number }[] = [];
  let last = performance.now();
  let running = true;
  const turn = (): void => {
    const now = performance.now();
    if (now - last > 1) stretches.push({ start: last, end: now });
    last = now;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  const start = performance.now();
  await fn();
  const end = performance.now();
  running = false;
  stretches.push({ start: last, end });
  // The collections' entries arrive on a later turn.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  let longestMs = 0;
  let longestOutsideGcMs = 0;
  for (const s of stretches) {
    let gc = 0;
    for (const g of gcs) gc += Math.max(0, Math.min(s.end, g.end) - Math.max(s.start, g.start));
    longestMs = Math.max(longestMs, s.end - s.start);
    longestOutsideGcMs = Math.max(longestOutsideGcMs, s.end - s.start - gc);
  }
  return { totalMs: end - start, longestMs, longestOutsideGcMs };
}

/** A small seeded PRNG (mulberry32), so synthetic libraries and documents are the same every run. */
/** Lets the event loop turn (timers and I/O callbacks queued meanwhile run). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Frees what can be freed: the benchmark runs without `--expose-gc`, so the flag is set at run
 * time and the collector fetched from a fresh context.
 */
export async function collectGarbage(): Promise<void> {
  await nextTurn();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function formatRows(suite: string, rows: BenchRow[]): string {
  const fmt = (n: number) =>
    Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
  const header = ['measure', 'value', 'baseline', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '',
    r.baseline && r.baseline.value > 0 ? `${(r.value / r.baseline.value).toFixed(2)}×` : '',
    r.goal ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [`\n## ${suite}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join(
    '\n',
  );
}

export async function writeResults(suite: string, rows: BenchRow[]): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${suite}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ suite, measuredAt: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
  return file;
}
