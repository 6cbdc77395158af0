export function buildClient(options?: { quiet?: boolean; out?: string }): Promise<void>;
