import { z } from 'zod';

/** Builtin rules: checks a pattern cannot express, switched on and off like any other rule. */
export const BUILTIN_RULES = ['weekday-date'] as const;

const Common = {
  /** Unique inside its pack; findings are reported as `pack/rule`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'A rule id is lowercase letters, digits and dashes.'),
  category: z.string().min(1).max(60),
  /** Why the house writes it this way, in one or two sentences: the finding's message. */
  explanation: z.string().min(1).max(500),
  example: z.object({ wrong: z.string(), right: z.string() }).optional(),
  enabled: z.boolean().default(true),
  severity: z.enum(['error', 'warning', 'info']).default('warning'),
};

const validRegex = (source: string, flags: string) => {
  try {
    new RegExp(source, `gu${flags}`);
    return true;
  } catch {
    return false;
  }
};

export const PatternRuleSchema = z
  .object({
    ...Common,
    type: z.literal('pattern'),
    /** A JavaScript regular expression (always run with the `g` and `u` flags). */
    pattern: z.string().min(1),
    /** Extra flags: `i` for case-insensitive. */
    flags: z
      .string()
      .regex(/^[ims]*$/)
      .default(''),
    /**
     * The fix, with `$1`… for groups and `$m` for group 1 looked up in `map`. Without one the
     * finding explains but offers no automatic fix.
     */
    replacement: z.string().optional(),
    map: z.record(z.string(), z.string()).optional(),
  })
  .refine((r) => validRegex(r.pattern, r.flags), {
    message: 'The pattern is not a valid regular expression.',
  });

export const WordsRuleSchema = z.object({
  ...Common,
  type: z.literal('words'),
  /** Wrong form → right form; matched as whole words, case-insensitively, keeping an initial capital. */
  words: z.record(z.string().min(1), z.string()),
  /** Match the case exactly as listed (for names: "Phillipines" but not a lower-case word). */
  caseSensitive: z.boolean().default(false),
});

export const BuiltinRuleSchema = z.object({
  ...Common,
  type: z.literal('builtin'),
  builtin: z.enum(BUILTIN_RULES),
});

export const StyleRuleSchema = z.union([PatternRuleSchema, WordsRuleSchema, BuiltinRuleSchema]);
export type StyleRule = z.infer<typeof StyleRuleSchema>;

export const RulePackSchema = z
  .object({
    /** Unique among the packs loaded. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).default(''),
    enabled: z.boolean().default(true),
    rules: z.array(StyleRuleSchema),
  })
  .refine((p) => new Set(p.rules.map((r) => r.id)).size === p.rules.length, {
    message: 'Two rules in the pack have the same id.',
  });
export type RulePack = z.infer<typeof RulePackSchema>;
export type RulePackInput = z.input<typeof RulePackSchema>;

/**
 * Validates a rule pack; throws an Error whose message names the pack and the first problem
 * (the settings view and the loader show it as is).
 */
export function parseRulePack(data: unknown, source = 'The rule pack'): RulePack {
  const parsed = RulePackSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`${source} is not a valid rule pack${where}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
