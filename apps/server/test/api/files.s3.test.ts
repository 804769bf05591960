// The files suite again, with every upload stored in an S3-compatible bucket (a local s3rver) instead
// of on disk: uploads, downloads compared by SHA-256, variants and the access rules all go through
// the S3 adapter. The environment variable is read by the harness when each server starts.
process.env.ATELIER_TEST_STORAGE = "s3";
await import("./files.test");
await import("./files.access.test");

export {};
