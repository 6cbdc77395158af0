// "parley-openapi" is the client types openapi-typescript generates from
// /api/openapi.json. test/node/contract/openapi.test.ts generates them and
// compiles test/support/generated-client.ts against them, strictly; for the
// project-wide typecheck, where they are not generated, the module is untyped.
declare module 'parley-openapi' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export type paths = any;
}
