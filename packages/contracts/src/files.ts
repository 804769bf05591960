import { z } from "zod";
import { IsoDateTime } from "./common";

/** Resized copies made of every JPEG, PNG and WebP upload (WebP, cropped to fill). */
export const FileVariantNameSchema = z.enum(["thumb", "card"]);
export type FileVariantName = z.infer<typeof FileVariantNameSchema>;

export const FileVariantSchema = z.object({
  variant: FileVariantNameSchema,
  url: z.string(),
  contentType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  size: z.number().int(),
});
export type FileVariantDto = z.infer<typeof FileVariantSchema>;

/** The facts of an uploaded file; `contentType` is what the bytes are, not what the client said. */
export const FileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: IsoDateTime,
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  variants: z.array(FileVariantSchema),
});
export type FileDto = z.infer<typeof FileSchema>;

export const FileIdSchema = z.string().min(1).max(64);

export const FileParamsSchema = z.strictObject({ id: FileIdSchema });

export const FileVariantParamsSchema = z.strictObject({ id: FileIdSchema, variant: FileVariantNameSchema });
