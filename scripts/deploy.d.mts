export type WranglerResult = { status: number; stdout: string; stderr: string };
export type Wrangler = (args: string[], options?: { input?: string; show?: boolean }) => WranglerResult;
export const RESOURCES: { database: string; bucket: string; queues: string[] };
export const PLACEHOLDER_DATABASE_ID: string;
export const PLACEHOLDER_PUBLIC_URL: string;
export const SECRETS: Array<{ name: string; ask: string; file?: boolean; generate?: () => string }>;
export function wranglerRunner(command?: string): Wrangler;
export function setProductionValue(toml: string, key: string, from: string, to: string): string;
export function deploy(options?: {
  wrangler?: Wrangler;
  ask?: (question: string) => Promise<string>;
  say?: (line: string) => void;
  configPath?: string;
  env?: Record<string, string | undefined>;
  build?: boolean;
}): Promise<void>;
