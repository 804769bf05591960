export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

let counter = 0;
/** A unique suffix for usernames and e-mails within one test run. */
export function unique(prefix = "u"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter}`;
}

/**
 * A tiny HTTP client with a cookie jar that sends the CSRF header the way the web app does.
 * `bearer` switches to personal-access-token authentication.
 */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;
  csrf = true;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !(body instanceof FormData) && typeof body !== "string") {
      h["content-type"] ??= "application/json";
    }
    if (typeof body === "string") h["content-type"] ??= "application/json";
    if (this.cookies.size > 0) {
      h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    const csrf = this.cookies.get("atelier_csrf");
    if (this.csrf && csrf && method !== "GET" && h["x-csrf-token"] === undefined) h["x-csrf-token"] = csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body:
        body === undefined
          ? undefined
          : body instanceof FormData || typeof body === "string"
            ? body
            : JSON.stringify(body),
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (text && (res.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, body, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PUT", path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", path, undefined, headers);
  }

  /** Signs up a new user with this client; returns the user. */
  async signup(
    overrides: Partial<{ email: string; username: string; password: string; displayName: string }> = {},
  ) {
    const username = overrides.username ?? unique("user");
    const res = await this.post("/api/auth/signup", {
      email: overrides.email ?? `${username}@example.test`,
      username,
      password: overrides.password ?? "correct horse battery",
      ...(overrides.displayName ? { displayName: overrides.displayName } : {}),
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.user as { id: string; username: string; email: string };
  }

  /** Signs up and becomes a seller. */
  async signupSeller(overrides: Parameters<ApiClient["signup"]>[0] = {}) {
    const user = await this.signup(overrides);
    const res = await this.put("/api/me/seller-profile", {
      headline: "I design things people remember",
      bio: "Designer with ten years of practice in branding and illustration for small businesses.",
      skills: ["logo design", "branding"],
      languages: ["English"],
      country: "DE",
    });
    if (res.status !== 200)
      throw new Error(`seller profile failed: ${res.status} ${JSON.stringify(res.body)}`);
    return user;
  }
}
