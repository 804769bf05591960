import { z } from "zod";

/** The response schema of a 204. */
export const NoContent = z.null().describe("No content");
