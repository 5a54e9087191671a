import defaultPackJson from '../../../resources/style/default.json';
import { parseRulePack, type RulePack } from './rulePack';

let cached: RulePack | undefined;

/**
 * The pack Copydesk ships (resources/style/default.json). Imported as JSON so that Vite bundles
 * it into the renderer's worker and the CLI alike, with no file read at run time.
 */
export function defaultRulePack(): RulePack {
  cached ??= parseRulePack(defaultPackJson, 'The default style pack');
  return cached;
}
