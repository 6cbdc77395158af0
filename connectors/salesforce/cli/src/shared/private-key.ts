// The connected app's private key, which the Worker signs its JWT bearer
// assertions with. Read from the PEM file the admin made with the app's
// certificate and handed to the Worker as PKCS#8 PEM, whatever PEM flavour
// the file is (openssl's older default writes PKCS#1 "RSA PRIVATE KEY").
import { readFile } from 'node:fs/promises';
import { createPrivateKey } from 'node:crypto';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.private-key');

export async function readPrivateKeyPem(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw messages.createError('error.KeyFileUnreadable', [path, (error as NodeJS.ErrnoException).code ?? String(error)]);
  }
  if (pem.includes('ENCRYPTED PRIVATE KEY') || /Proc-Type: 4,ENCRYPTED/.test(pem)) {
    throw messages.createError('error.EncryptedKey', [path]);
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    // node:crypto's message may quote the file; say only what is wrong with it.
    throw messages.createError('error.NotPrivateKey', [path]);
  }
}
