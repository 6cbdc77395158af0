// vitest's types pull in jsdom's when it is installed (sfdx-lwc-jest brings
// it), and jsdom's bring the DOM library, whose Blob and fetch types clash
// with the Workers types. Nothing here uses jsdom from TypeScript, so the
// root project resolves "jsdom" to this empty module (tsconfig "paths").
export {};
