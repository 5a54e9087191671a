import type { CliCommand } from '../context';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
import { showCommand } from './show';

/** Every CLI command, in the order the help lists them. Add a command: one file, one line here. */
export const COMMANDS: CliCommand[] = [importCommand, listCommand, showCommand, exportCommand];
