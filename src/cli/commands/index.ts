import type { CliCommand } from '../context';
import { checkCommand } from './check';
import { commentsCommand } from './comments';
import { exportCommand } from './export';
import { historyCommand } from './history';
import { importCommand } from './import';
import { listCommand } from './list';
import { packageCommand } from './package';
import { restoreCommand } from './restore';
import { searchCommand } from './search';
import { showCommand } from './show';
import { statusCommand } from './status';
import { suggestionsCommand } from './suggestions';
import { trashCommand } from './trash';

/** Every CLI command, in the order the help lists them. Add a command: one file, one line here. */
export const COMMANDS: CliCommand[] = [
  importCommand,
  listCommand,
  showCommand,
  exportCommand,
  checkCommand,
  statusCommand,
  searchCommand,
  trashCommand,
  historyCommand,
  restoreCommand,
  packageCommand,
  commentsCommand,
  suggestionsCommand,
];
