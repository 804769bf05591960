import type { FileVariantName } from "@atelier/contracts";
import { loadSharp } from "../../platform/sharp";
import { VARIANTS, type FileFamily } from "./files.models";

export interface ImageVariant {
  variant: FileVariantName;
  bytes: Buffer;
  contentType: "image/webp";
  width: number;
  height: number;
}

export interface ImageFacts {
  /** As displayed, after the EXIF orientation is applied. */
  width: number;
  height: number;
  variants: ImageVariant[];
}

export class ImageDecodeError extends Error {
  constructor(cause: unknown) {
    super("The image could not be decoded.", { cause });
    this.name = "ImageDecodeError";
  }
}

const SHARP_FORMAT: Partial<Record<FileFamily, string>> = { jpeg: "jpeg", png: "png", webp: "webp" };

/**
 * Measures an image and renders its variants. Variants are re-encoded from pixels, so they carry
 * no EXIF, XMP, IPTC or ICC metadata (no camera serials or GPS positions); they are turned upright
 * first because the orientation tag goes with the metadata. The pixel limit is checked from the
 * header before anything is decoded, which stops decompression bombs.
 */
export async function describeImage(
  input: Buffer,
  family: FileFamily,
  limits: { maxPixels: number },
): Promise<ImageFacts> {
  const sharp = await loadSharp();
  const options = { limitInputPixels: limits.maxPixels, failOn: "error" as const };
  try {
    const meta = await sharp(input, options).metadata();
    if (meta.format !== SHARP_FORMAT[family]) throw new Error(`expected ${family}, decoded ${meta.format}`);
    const variants: ImageVariant[] = [];
    for (const spec of VARIANTS) {
      const { data, info } = await sharp(input, { ...options, autoOrient: true })
        .resize(spec.width, spec.height, { fit: "cover" })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      variants.push({
        variant: spec.variant,
        bytes: data,
        contentType: "image/webp",
        width: info.width,
        height: info.height,
      });
    }
    return { width: meta.autoOrient.width, height: meta.autoOrient.height, variants };
  } catch (e) {
    throw new ImageDecodeError(e);
  }
}
