/** Content credentials settings (docs/credentials.md); every value can come from the environment. */
export interface CredentialsConfig {
  /**
   * An operator-supplied ES256 (EC P-256) private key and its certificate chain (PEM files, signing
   * certificate first). Unset: the marketplace generates its own chain at first use and keeps it in
   * the database.
   */
  keyFile: string | undefined;
  certFile: string | undefined;
  /** The public address of the marketplace: licences are named by URLs under it in manifests. */
  publicOrigin: string;
  /** The organisation named in generated certificates. */
  organisation: string;
}

export function credentialsConfig(env: NodeJS.ProcessEnv, port: number): CredentialsConfig {
  return {
    keyFile: env.ATELIER_CREDENTIALS_KEY_FILE || undefined,
    certFile: env.ATELIER_CREDENTIALS_CERT_FILE || undefined,
    publicOrigin: env.ATELIER_PUBLIC_URL || `http://localhost:${port}`,
    organisation: env.ATELIER_CREDENTIALS_ORGANISATION || "Atelier",
  };
}
