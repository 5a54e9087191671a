import type { CliCommand } from '../context';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { historyCommand } from './history';
import { importCommand } from './import';
import { listCommand } from './list';
import { restoreCommand } from './restore';
import { searchCommand } from './search';
import { showCommand } from './show';
import { trashCommand } from './trash';

/** Every CLI command, in the order the help lists them. Add a command: one file, one line here. */
export const COMMANDS: CliCommand[] = [
  importCommand,
  listCommand,
  showCommand,
  exportCommand,
  checkCommand,
  searchCommand,
  trashCommand,
  historyCommand,
  restoreCommand,
];
