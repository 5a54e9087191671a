import type { BenchSuite } from './harness';

/** Every benchmark suite. Add one: a file under bench/, one line here. */
export const SUITES: BenchSuite[] = [];
