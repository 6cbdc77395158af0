export const CATALOGUE_DIR: string;
export const CATALOGUE_META: string;
export function catalogueModule(): string;
export function emitCatalogue(): Promise<void>;
