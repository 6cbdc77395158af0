// Types for dev-certificate.mjs (imported by vitest.config.ts and the Node tests).
export interface DevSealingCertificate {
  name: string;
  p12Base64: string;
  password: string;
  certificatePem: string;
  createdAt: string;
}
export const DEV_CERTIFICATE_FILE: string;
export const DEV_CERTIFICATE_NAME: string;
export function devSealingCertificate(file?: string): DevSealingCertificate;
export function devSealingVars(file?: string): { SEAL_P12: string; SEAL_P12_PASSWORD: string };
