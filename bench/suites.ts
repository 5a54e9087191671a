import { checksSuite } from './checks';
import { editorSuite } from './editor';
import { exportSuite } from './export';
import type { BenchSuite } from './harness';
import { librarySuite } from './library';

/** Every benchmark suite. Add one: a file under bench/, one line here. */
export const SUITES: BenchSuite[] = [librarySuite, checksSuite, exportSuite, editorSuite];
