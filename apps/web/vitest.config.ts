import { defineConfig } from "vitest/config";

// Unit tests of the web app's pure modules (models, parsers); the browser journeys are Playwright's.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    reporters: ["default"],
  },
});
