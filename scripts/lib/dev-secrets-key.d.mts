// Types for dev-secrets-key.mjs (imported by vitest.config.ts).
export const DEV_SECRETS_KEY_FILE: string;
export function devSecretsVars(file?: string): { SECRETS_KEY: string };
