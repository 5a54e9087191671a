// Vite (app, CLI, bench and vitest builds) inlines a file imported with `?raw` as a string, so
// bundled resources such as the default template need no path lookup at run time.
declare module '*?raw' {
  const text: string;
  export default text;
}
