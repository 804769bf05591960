import { createHash, createPrivateKey, createPublicKey, webcrypto, type KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";

// node:crypto's WebCrypto is the standard one; the DOM `Crypto` type is not in scope on the server.
x509.cryptoProvider.set(webcrypto as never);

const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** id-kp-emailProtection: one of the extended key usages C2PA accepts for a claim signer. */
const EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

/** A key pair with its certificate chain (signing certificate first), as PEM text. */
export interface KeyMaterial {
  privateKeyPem: string;
  chainPem: string;
  publicKeyPem: string;
  notBefore: Date;
  notAfter: Date;
}

/** A key ready to sign: what the receipts and the C2PA signer need. */
export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Signing certificate first, then its issuers. */
  chain: x509.X509Certificate[];
}

/** The key id: the first 16 bytes of the SHA-256 of the public key (SPKI DER), hex. */
export function keyIdOf(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: "spki", format: "der" });
  return `key_${createHash("sha256").update(spki).digest("hex").slice(0, 32)}`;
}

const serial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString("hex")
    .replace(/^[89a-f]/, "1");

/**
 * A fresh ES256 chain: a marketplace root CA (ten years) and a claim-signing certificate it issues
 * (two years) with digitalSignature and emailProtection, as C2PA requires of a signer.
 */
export async function generateKeyMaterial(now: Date, organisation = "Atelier"): Promise<KeyMaterial> {
  const caKeys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${organisation} Content Credentials Root, O=${organisation}`,
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    keys: caKeys,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keys = await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
  const notAfter = new Date(now.getTime() + 2 * YEAR_MS);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${organisation} Content Credentials, O=${organisation}`,
    issuer: ca.subject,
    notBefore: now,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([EKU_EMAIL_PROTECTION], false),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    chainPem: `${leaf.toString("pem")}\n${ca.toString("pem")}\n`,
    publicKeyPem: createPublicKey(privateKey).export({ type: "spki", format: "pem" }) as string,
    notBefore: now,
    notAfter,
  };
}

/** The certificates of a PEM bundle, in order. */
export function parseChain(pem: string): x509.X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new x509.X509Certificate(b));
}

/**
 * Checks operator-supplied material: an EC P-256 private key whose public key is the first
 * certificate's. Returns what the key table stores.
 */
export function describeSuppliedKey(privateKeyPem: string, chainPem: string): KeyMaterial {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ec" || privateKey.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new Error("The content-credentials key must be an EC P-256 key (ES256).");
  }
  const chain = parseChain(chainPem);
  const leaf = chain[0];
  if (!leaf) throw new Error("The content-credentials certificate file holds no certificate.");
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }) as string;
  const certKey = createPublicKey(leaf.publicKey.toString("pem")).export({ type: "spki", format: "pem" });
  if (certKey !== publicKeyPem)
    throw new Error("The certificate does not belong to the content-credentials key.");
  return { privateKeyPem, chainPem, publicKeyPem, notBefore: leaf.notBefore, notAfter: leaf.notAfter };
}

export function toSigningKey(id: string, privateKeyPem: string, chainPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  return { id, privateKey, publicKey: createPublicKey(privateKey), chain: parseChain(chainPem) };
}
