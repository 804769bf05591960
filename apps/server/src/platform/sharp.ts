import { lazyImport } from "./lazy";

/** sharp (libvips), loaded on the first image to process rather than at start. */
export const loadSharp = lazyImport(async () => (await import("sharp")).default);
