// Vite turns `?raw` imports into the file's text, bundled with the importing script.
declare module '*?raw' {
  const text: string;
  export default text;
}
