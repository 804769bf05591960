import { randomUUID, sign as nodeSign, createPublicKey, type KeyObject } from "node:crypto";
import type { X509Certificate } from "@peculiar/x509";
import { JPEG, PNG, type Asset } from "@trustnxt/c2pa-ts/asset";
import { CoseAlgorithmIdentifier, type Signer } from "@trustnxt/c2pa-ts/cose";
import { SuperBox } from "@trustnxt/c2pa-ts/jumbf";
import {
  ActionAssertion,
  ActionType,
  CreativeWorkAssertion,
  DataHashAssertion,
  DigitalSourceType,
  ManifestStore,
  TrainingAndDataMiningAssertion,
  TrainingAndDataMiningChoice,
  TrainingAndDataMiningKey,
} from "@trustnxt/c2pa-ts/manifest";
import type { AiUse } from "./credentials.models";
import { WebP } from "./credentials.webp";

/**
 * The file types whose bytes carry an embedded C2PA manifest: what c2pa-ts can write (JPEG, PNG),
 * and WebP and PDF through our own assets (`credentials.webp.ts`, `credentials.pdf.ts`).
 */
export const C2PA_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "application/pdf"]);

/** What the manifest states about a delivered file. */
export interface ManifestFacts {
  /** The receipt's file id, so that a manifest found in a file leads back to its receipt. */
  fileId: string;
  author: { username: string; displayName: string };
  licence: { kind: string; url: string };
  aiUse: AiUse;
  aiTools: readonly string[];
  allowAiTraining: boolean;
}

/** The IPTC digital source type that says how much of the work an AI made. */
export function digitalSourceTypeFor(aiUse: AiUse): DigitalSourceType {
  switch (aiUse) {
    case "none":
      return DigitalSourceType.DigitalArt;
    case "assisted":
      return DigitalSourceType.CompositeWithTrainedAlgorithmicMedia;
    case "generated":
      return DigitalSourceType.TrainedAlgorithmicMedia;
  }
}

/**
 * c2pa-ts's own local signer DER-encodes ECDSA signatures, which COSE (RFC 9052) and other C2PA
 * validators reject; this one signs with node:crypto in the IEEE P1363 form (r‖s) COSE requires.
 */
export function coseSigner(privateKey: KeyObject, chain: readonly X509Certificate[]): Signer {
  const [certificate, ...rest] = chain;
  if (!certificate) throw new Error("A C2PA signer needs a certificate.");
  return {
    algorithm: CoseAlgorithmIdentifier.ES256,
    certificate,
    chainCertificates: rest,
    sign(payload: Uint8Array) {
      return Promise.resolve(
        new Uint8Array(nodeSign("sha256", payload, { key: privateKey, dsaEncoding: "ieee-p1363" })),
      );
    },
  };
}

/** The file as c2pa-ts reads it; `undefined` for other types and for files it cannot parse. */
async function assetOf(bytes: Uint8Array): Promise<Asset | undefined> {
  try {
    if (JPEG.canRead(bytes)) return new JPEG(bytes);
    if (PNG.canRead(bytes)) return new PNG(bytes);
    if (WebP.canRead(bytes)) return new WebP(bytes);
    if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-") {
      // pdf-lib is large: it loads when the first PDF comes along, not when the server starts.
      const { Pdf } = await import("./credentials.pdf");
      return await Pdf.open(bytes);
    }
  } catch {
    // A structure c2pa-ts does not follow: such a file gets its receipt without an embedded manifest.
  }
  return undefined;
}

/** `bytes` with a signed C2PA manifest embedded; `undefined` for a type c2pa-ts cannot write. */
export async function embedManifest(
  bytes: Uint8Array,
  contentType: string,
  facts: ManifestFacts,
  signer: Signer,
): Promise<Uint8Array | undefined> {
  if (!C2PA_TYPES.has(contentType)) return undefined;
  const asset = await assetOf(bytes);
  if (!asset) return undefined;
  const store = new ManifestStore();
  const manifest = store.createManifest({
    assetFormat: contentType,
    instanceID: `xmp:iid:${randomUUID()}`,
    defaultHashAlgorithm: "SHA-256",
    signer,
  });

  const actions = new ActionAssertion();
  actions.actions.push({
    action: ActionType.C2paCreated,
    digitalSourceType: digitalSourceTypeFor(facts.aiUse),
    ...(facts.aiTools.length > 0 ? { description: `AI tools: ${facts.aiTools.join(", ")}` } : {}),
  });
  manifest.addAssertion(actions);

  const work = new CreativeWorkAssertion();
  work.creativeWork = {
    "@type": "CreativeWork",
    identifier: facts.fileId,
    author: [{ "@type": "Person", name: facts.author.displayName, identifier: facts.author.username }],
    license: facts.licence.url,
    ...(facts.aiTools.length > 0 ? { keywords: facts.aiTools.join(", ") } : {}),
  };
  manifest.addAssertion(work);

  const training = new TrainingAndDataMiningAssertion(false);
  const choice = facts.allowAiTraining
    ? TrainingAndDataMiningChoice.Allowed
    : TrainingAndDataMiningChoice.NotAllowed;
  for (const key of Object.values(TrainingAndDataMiningKey)) training.entries[key] = { choice };
  manifest.addAssertion(training);

  const hash = DataHashAssertion.create("SHA-256");
  manifest.addAssertion(hash);
  await asset.ensureManifestSpace(store.measureSize());
  await hash.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  return asset.getDataRange();
}

/** What a C2PA manifest found in a file says, after c2pa-ts validated it. */
export interface ManifestReading {
  /** Signature, assertion hashes and the hash binding to these bytes all check out. */
  valid: boolean;
  /** The SPKI (PEM) of the certificate that signed it. */
  signerPublicKeyPem: string | undefined;
  fileId: string | undefined;
}

/** Reads and validates the active manifest in `bytes`; `undefined` when there is none. */
export async function readManifest(bytes: Uint8Array): Promise<ManifestReading | undefined> {
  const asset = await assetOf(bytes);
  const jumbf = asset?.getManifestJUMBF();
  if (!asset || !jumbf) return undefined;
  try {
    const store = ManifestStore.read(SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>));
    const result = await store.validate(asset);
    const manifest = store.getActiveManifest();
    const certificate = manifest?.signature?.signatureData.certificate;
    const work = manifest?.assertions?.assertions.find((a) => a instanceof CreativeWorkAssertion);
    const identifier = work?.creativeWork.identifier;
    return {
      valid: result.isValid,
      signerPublicKeyPem: certificate
        ? (createPublicKey(certificate.publicKey.toString("pem")).export({
            type: "spki",
            format: "pem",
          }) as string)
        : undefined,
      fileId: typeof identifier === "string" ? identifier : undefined,
    };
  } catch {
    return { valid: false, signerPublicKeyPem: undefined, fileId: undefined };
  }
}
