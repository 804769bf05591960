import { describe, expect, it } from "vitest";
import { createApiClient, read } from "./client";
import { ApiError } from "./errors";
import { uploadFile } from "./upload";

const BASE = "http://atelier.test";

/** A client whose fetch records the request and answers with `respond`. */
function clientAnswering(respond: (request: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const client = createApiClient({
    baseUrl: BASE,
    csrfToken: () => "csrf-123",
    fetch: async (request) => {
      seen.push(request);
      return respond(request);
    },
  });
  return { client, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });

describe("the generated API client", () => {
  it("fills path parameters and query strings from typed arguments", async () => {
    const { client, seen } = clientAnswering(() => json({ ok: true }));
    await client.GET("/api/users/{username}/reviews", {
      params: { path: { username: "ana lima" }, query: { limit: 10, cursor: undefined } },
    });
    expect(seen[0]?.url).toBe(`${BASE}/api/users/ana%20lima/reviews?limit=10`);
    expect(seen[0]?.method).toBe("GET");
  });

  it("sends the CSRF token on unsafe methods only, and the body as JSON", async () => {
    const { client, seen } = clientAnswering(() => json({ ok: true }));
    await client.GET("/api/me");
    await client.POST("/api/conversations", { body: { username: "ana" } });
    expect(seen[0]?.headers.get("X-CSRF-Token")).toBeNull();
    expect(seen[1]?.headers.get("X-CSRF-Token")).toBe("csrf-123");
    expect(seen[1]?.headers.get("Content-Type")).toBe("application/json");
    expect(await seen[1]?.json()).toEqual({ username: "ana" });
  });

  it("sends the Idempotency-Key header a money-moving call is typed to need", async () => {
    const { client, seen } = clientAnswering(() => json({ ok: true }, 201));
    await client.POST("/api/wallet/withdrawals", {
      params: { header: { "Idempotency-Key": "key-1" } },
      body: {
        amount: { amount: 1000, currency: "USD" },
        destination: { kind: "bank", accountLast4: "1234" },
      },
    });
    expect(seen[0]?.headers.get("Idempotency-Key")).toBe("key-1");
  });

  it("turns a problem+json answer into an ApiError with its code, field errors and Retry-After", async () => {
    const { client } = clientAnswering(() =>
      json(
        {
          type: "about:blank",
          title: "Invalid request",
          status: 422,
          code: "validation_failed",
          detail: "Check the fields.",
          errors: [{ path: "packages.0.price", message: "Too low" }],
        },
        422,
        { "retry-after": "3" },
      ),
    );
    const error = await client.GET("/api/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe("validation_failed");
    expect(apiError.fieldErrors()).toEqual({ packages: "Too low" });
    expect(apiError.retryAfterSeconds).toBe(3);
  });

  it("reports a network failure as status 0, and lets an abort through", async () => {
    const down = clientAnswering(() => {
      throw new TypeError("fetch failed");
    });
    const error = (await down.client.GET("/api/me").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe("network_error");

    const aborted = clientAnswering(() => {
      throw new DOMException("aborted", "AbortError");
    });
    const abort = (await aborted.client.GET("/api/me").catch((e: unknown) => e)) as DOMException;
    expect(abort.name).toBe("AbortError");
  });

  it("checks an answer against the contract schema", async () => {
    const { client } = clientAnswering(() => json({ id: 42 }));
    const parser = {
      parse(data: unknown) {
        if (typeof data !== "object" || data === null || typeof (data as { id?: unknown }).id !== "string") {
          throw new Error("not a thing");
        }
        return data as { id: string };
      },
    };
    const error = (await read(parser, client.GET("/api/me")).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("invalid_response");
  });

  it("reads a 204 as no body", async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 204 }));
    const { data } = await client.DELETE("/api/auth/tokens/{id}", { params: { path: { id: "tok_1" } } });
    expect(data).toBeUndefined();
  });
});

describe("uploadFile", () => {
  it("names the file in the error the person sees", async () => {
    const { client, seen } = clientAnswering(() =>
      json({ type: "about:blank", title: "Too large", status: 413, code: "file_too_large" }, 413),
    );
    const file = new File(["x"], "brief.pdf", { type: "application/pdf" });
    const error = (await uploadFile(file, client).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(413);
    expect(error.code).toBe("file_too_large");
    expect(error.detail).toBe("“brief.pdf” is too large.");
    const form = await seen[0]?.formData();
    expect((form?.get("file") as File | null)?.name).toBe("brief.pdf");
  });
});
