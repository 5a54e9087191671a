import { formatRows, writeResults, type BenchSuite } from './harness';
import { SUITES } from './suites';

/**
 * `npm run bench [suite…] [--quick]`: runs each suite, prints its figures beside the baselines
 * measured in the same process, and writes bench/results/<suite>.json. Benchmarks are not tests:
 * they print and record; nothing here fails on a slow figure.
 */
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((a) => !a.startsWith('--'));
const suites: BenchSuite[] = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
if (suites.length === 0) {
  console.error(`No such suite. Suites: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const suite of suites) {
  console.log(`\nRunning ${suite.name}: ${suite.description}${quick ? ' (quick)' : ''}…`);
  const rows = await suite.run({ quick });
  console.log(formatRows(suite.name, rows));
  console.log(`\nwritten to ${await writeResults(suite.name, rows)}`);
}
