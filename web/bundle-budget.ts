/**
 * The bundle budget, checked by every production build: the JavaScript a first visit loads (the
 * entry and what it imports statically) and each lazily loaded chunk, gzipped, against the limits
 * below. A chunk without a limit fails the build too, so a new lazy chunk gets one when it is made.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** gzip kB (1000 bytes). */
export const FIRST_LOAD_KB = 110;
/** Lazy chunks by name (the file name without its hash), gzip kB. */
export const LAZY_KB: Record<string, number> = {
  TrendsView: 7,
  MetricsChart: 2,
  'uPlot.min': 24,
  signin: 22,
};

interface Row {
  name: string;
  kind: 'first load' | 'lazy';
  gzipKb: number;
  budgetKb: number | null;
}

const kb = (bytes: number) => Math.round(bytes / 10) / 100;

export function budgetRows(bundle: OutputBundle): Row[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const firstLoad = new Set<string>();
  const visit = (file: string) => {
    if (firstLoad.has(file)) return;
    firstLoad.add(file);
    byFile.get(file)?.imports.forEach(visit);
  };
  chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
  const size = (c: OutputChunk) => gzipSync(c.code, { level: 9 }).length;
  const rows: Row[] = chunks
    .filter((c) => firstLoad.has(c.fileName))
    .map((c) => ({ name: c.name, kind: 'first load' as const, gzipKb: kb(size(c)), budgetKb: null }));
  const total = rows.reduce((n, r) => n + r.gzipKb, 0);
  rows.push({ name: 'first load, all', kind: 'first load', gzipKb: Math.round(total * 100) / 100, budgetKb: FIRST_LOAD_KB });
  for (const c of chunks.filter((x) => !firstLoad.has(x.fileName))) {
    rows.push({ name: c.name, kind: 'lazy', gzipKb: kb(size(c)), budgetKb: LAZY_KB[c.name] ?? null });
  }
  return rows;
}

export function budgetFailures(rows: Row[]): string[] {
  return rows.flatMap((r) => {
    if (r.kind === 'lazy' && r.budgetKb === null) return [`lazy chunk "${r.name}" has no budget: add it to LAZY_KB in bundle-budget.ts`];
    if (r.budgetKb !== null && r.gzipKb > r.budgetKb) return [`${r.name}: ${r.gzipKb} kB gzip is over its budget of ${r.budgetKb} kB`];
    return [];
  });
}

export function budgetTable(rows: Row[]): string {
  const lines = rows.map((r) => {
    const budget = r.budgetKb === null ? '' : `${r.budgetKb.toFixed(2)}`;
    const state = r.budgetKb === null ? (r.kind === 'lazy' ? 'NO BUDGET' : '') : r.gzipKb > r.budgetKb ? 'OVER' : 'ok';
    return `| ${r.name.padEnd(18)} | ${r.kind.padEnd(10)} | ${r.gzipKb.toFixed(2).padStart(8)} | ${budget.padStart(8)} | ${state.padEnd(9)} |`;
  });
  return [
    '| chunk              | loaded     | gzip kB  | budget   | state     |',
    '|--------------------|------------|----------|----------|-----------|',
    ...lines,
  ].join('\n');
}

/** Prints the table after a production build and fails it when a budget is broken. */
export function bundleBudget(): Plugin {
  return {
    name: 'xmonitor-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const rows = budgetRows(bundle);
      console.log(`\nbundle budget (JavaScript, gzip):\n${budgetTable(rows)}`);
      const failures = budgetFailures(rows);
      if (failures.length) this.error(`bundle budget broken:\n  ${failures.join('\n  ')}`);
    },
  };
}
