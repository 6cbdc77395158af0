// Vite's `?raw` imports (a file's text, exactly as stored), which tests use
// for fixtures whose bytes matter, such as a signed webhook body.
declare module '*?raw' {
  const text: string;
  export default text;
}
