/**
 * The copy desk's checks: plain TypeScript with no DOM and no Node APIs, so the same code runs
 * in the renderer's checks worker, in main and in the CLI. File-system helpers (loading rule
 * packs and the newsroom dictionary from a library) are in ./node.
 */
export {
  checkArticle,
  createChecker,
  describeFinding,
  type CheckOptions,
  type Checker,
} from './checkArticle';
export {
  bodyBlocks,
  blockOffsetToPos,
  posToBlockOffset,
  nodeSize,
  type TextBlock,
  type BlockLeaf,
} from './blocks';
export { createSpellChecker, type SpellChecker, type HunspellFiles } from './spelling';
export {
  parseRulePack,
  RulePackSchema,
  StyleRuleSchema,
  type RulePack,
  type RulePackInput,
  type StyleRule,
} from './style/rulePack';
export { compileRulePacks, isPackEnabled, isRuleEnabled, type RuleToggles } from './style/engine';
export { defaultRulePack } from './style/defaultPack';
export { DEFAULT_READINESS, type ReadinessOptions, type ReadinessHooks } from './readiness';
export { DEFAULT_READABILITY, type ReadabilityOptions } from './readability';
export { stableHash } from './hash';
export { checkDroppedText, droppedTextLabel, type DroppedTextFinding } from './droppedText';
export {
  NO_TOGGLES,
  normaliseToggles,
  packState,
  setStyleEnabled,
  type CheckConfig,
  type RulePackProblem,
  type StyleToggles,
} from './config';
export * from './types';
