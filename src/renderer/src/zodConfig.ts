import { config } from 'zod';

// The renderer uses the shared modules' constants, which come with their zod schemas. Zod
// compiles fast parsers with `new Function` and probes for it as soon as an object schema is
// built; the page's CSP forbids eval, so the probe would be reported as a CSP violation in
// every window. Turn the compiler off before any schema is created (this module is imported
// first by main.tsx). The renderer does not validate in hot paths; main does.
config({ jitless: true });
