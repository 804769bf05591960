/**
 * Every machine `code` the server may send in a problem+json body, with its HTTP status(es) and what
 * it means. `AppError` takes only these codes (a new one must be added here to compile), the OpenAPI
 * document lists them, and `GET /api/docs/errors` renders this list (each problem's `type` links to
 * `/api/docs/errors#<code>`).
 */
export const ERROR_CODES = {
  // Requests the server cannot read at all.
  bad_request: { statuses: [400], meaning: "The request could not be processed as sent." },
  malformed_url: {
    statuses: [400],
    meaning: "The URL contains an invalid percent-encoding.",
  },
  uri_too_long: { statuses: [414], meaning: "A path segment is longer than the server accepts." },
  headers_too_large: { statuses: [431], meaning: "The request headers are larger than the server accepts." },
  request_timeout: { statuses: [408], meaning: "The request was not received completely in time." },
  malformed_json: { statuses: [400], meaning: "The request body is not valid JSON." },
  validation_failed: {
    statuses: [400],
    meaning:
      "A parameter, query or body field is missing, unknown or not valid; `errors` lists each one by path.",
  },
  malformed_multipart: {
    statuses: [400],
    meaning: "The multipart/form-data body cannot be read (no boundary, or it ends early).",
  },
  payload_too_large: {
    statuses: [413],
    meaning: "The request body (or an uploaded file) is larger than allowed, or a form has too many parts.",
  },
  unsupported_media_type: {
    statuses: [415],
    meaning: "The body's Content-Type is not accepted here (JSON, or multipart/form-data for uploads).",
  },
  not_acceptable: { statuses: [406], meaning: "The server cannot answer in a format the request accepts." },
  method_not_allowed: { statuses: [405], meaning: "This method is not allowed on this path." },
  precondition_failed: {
    statuses: [412],
    meaning: "A conditional request's precondition (If-Match, If-Unmodified-Since) failed.",
  },
  range_not_satisfiable: { statuses: [416], meaning: "The requested byte range is outside the file." },
  upgrade_required: { statuses: [426], meaning: "This URL is a WebSocket: open it with an upgrade request." },
  idempotency_key_required: {
    statuses: [400],
    meaning: "This request moves money and needs an `Idempotency-Key` header of 1 to 255 characters.",
  },
  idempotency_key_reused: {
    statuses: [422],
    meaning: "The `Idempotency-Key` was already used with other parameters.",
  },
  idempotency_in_flight: {
    statuses: [409],
    meaning: "A request with this `Idempotency-Key` is still being processed (or was taken over by a retry).",
  },

  // Who is asking.
  unauthenticated: { statuses: [401], meaning: "Sign in (session cookie) or send a valid bearer token." },
  invalid_credentials: { statuses: [401], meaning: "The e-mail or password is wrong." },
  csrf_failed: {
    statuses: [403],
    meaning:
      "A cookie-authenticated change needs the `X-CSRF-Token` header equal to the `atelier_csrf` cookie.",
  },
  forbidden: { statuses: [403], meaning: "You are not allowed to do this." },
  origin_not_allowed: {
    statuses: [403],
    meaning: "A WebSocket opened with the session cookie must come from this server's own origin.",
  },
  not_found: {
    statuses: [404],
    meaning: "The resource does not exist, or is not visible to you (private resources answer 404).",
  },
  rate_limited: { statuses: [429], meaning: "Too many requests; `Retry-After` says when to try again." },
  two_factor_required: {
    statuses: [401, 403],
    meaning:
      "Sign-in: the password is right but a valid two-factor code (TOTP or unused recovery code) is missing " +
      "or wrong (401). Admin routes in production: the admin must turn on two-factor first (403).",
  },
  wrong_password: { statuses: [400], meaning: "The current password given to confirm this change is wrong." },
  invalid_code: { statuses: [400], meaning: "The two-factor code is wrong, expired or already used." },
  invalid_token: {
    statuses: [400],
    meaning: "The e-mail verification or password reset token is unknown, already used or expired.",
  },
  weak_password: {
    statuses: [400],
    meaning: "The password is too easy to guess (under 10 characters, or too low a strength estimate).",
  },
  account_suspended: {
    statuses: [403],
    meaning: "This account is suspended; `detail` says why (when a reason was recorded).",
  },
  insufficient_scope: {
    statuses: [403],
    meaning:
      "The access token lacks the scope this request needs (`read`, `write` or `admin`), or tokens cannot do this.",
  },
  two_factor_already_enabled: { statuses: [409], meaning: "Two-factor is already on; turn it off first." },
  two_factor_not_enabled: {
    statuses: [409],
    meaning: "Two-factor is not on (or enrolment was not started).",
  },
  open_orders: { statuses: [409], meaning: "The account has open orders; finish or cancel them first." },
  passkey_failed: { statuses: [400], meaning: "The passkey response could not be verified." },

  // The marketplace's rules.
  account_exists: { statuses: [409], meaning: "An account with this e-mail already exists." },
  not_a_seller: { statuses: [403], meaning: "Only sellers can do this; create a seller profile first." },
  cannot_suspend_self: { statuses: [409], meaning: "An administrator cannot suspend their own account." },
  already_reported: {
    statuses: [409],
    meaning: "You already have an open report on this subject; an admin will look at it.",
  },
  invalid_action: {
    statuses: [400],
    meaning:
      "This resolution does not apply to the report's subject (a user cannot be removed, only suspended).",
  },
  not_suspended: { statuses: [409], meaning: "The account is not suspended, so there is nothing to appeal." },
  appeal_exists: {
    statuses: [409],
    meaning: "This suspension has already been appealed; one appeal per suspension.",
  },
  same_admin: {
    statuses: [409],
    meaning: "The admin who suspended the account cannot decide its appeal; another admin must.",
  },
  conflict: { statuses: [409], meaning: "The request conflicts with the current state of the resource." },
  invalid_transition: {
    statuses: [409],
    meaning: "The order or gig is not in a state that allows this action.",
  },
  gig_limit_reached: {
    statuses: [409],
    meaning: "The seller has as many active gigs as their level allows; pause or archive one first.",
  },
  gig_incomplete: {
    statuses: [409],
    meaning: "The draft cannot be published yet: it lacks pricing or a description (listed in the error).",
  },
  own_gig: { statuses: [409], meaning: "Sellers cannot order their own gig." },
  offer_unavailable: {
    statuses: [409],
    meaning: "The custom offer is no longer open: it was accepted, withdrawn, declined or has expired.",
  },
  brief_closed: { statuses: [409], meaning: "The brief is closed: it takes no more offers." },
  card_declined: { statuses: [402], meaning: "The card was declined; nothing was charged." },
  insufficient_funds: {
    statuses: [402, 409],
    meaning: "The credits or balance are less than the amount asked for.",
  },
  withdrawal_limit: { statuses: [409], meaning: "One withdrawal per 24 hours." },
  milestones_not_allowed: {
    statuses: [400],
    meaning: "Only an offer of 100.00 or more may be split into milestones.",
  },
  milestones_sum_mismatch: {
    statuses: [400],
    meaning: "The milestones' prices must add up exactly to the offer's price, in its currency.",
  },
  milestone_order: {
    statuses: [409],
    meaning:
      "The order is paid in milestones: deliver, accept and revise each milestone " +
      "(`/api/orders/:id/milestones/:milestoneId/...`), not the order as a whole.",
  },
  no_revisions_left: {
    statuses: [409],
    meaning: "The order has used all the revisions its package includes.",
  },
  request_pending: {
    statuses: [409],
    meaning: "A cancellation or extension request is already waiting for an answer.",
  },
  request_closed: {
    statuses: [409],
    meaning: "This cancellation or extension request was already answered.",
  },
  own_request: { statuses: [409], meaning: "The other party answers this request." },
  not_late_enough: {
    statuses: [409],
    meaning: "An order can be cancelled alone only once it is 24 hours late.",
  },
  not_due: { statuses: [409], meaning: "The timer this action waits for is not due yet." },
  stale_timer: { statuses: [409], meaning: "A newer delivery replaced the one this timer was for." },
  already_reviewed: { statuses: [409], meaning: "You already reviewed this order." },
  already_replied: { statuses: [409], meaning: "The seller already replied to this review." },
  review_window_closed: { statuses: [409], meaning: "The review window of this order has closed." },
  recipient_not_seller: {
    statuses: [403],
    meaning: "A conversation can be started only with a seller (or someone you share an order with).",
  },

  // The server.
  internal_error: {
    statuses: [500],
    meaning: "Something went wrong on the server; details are only in its log.",
  },
  service_unavailable: {
    statuses: [503],
    meaning: "The server is shutting down; retry on another connection.",
  },
} as const satisfies Record<string, { statuses: readonly number[]; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The code a status gets when a layer below the routes (Fastify, a plugin) refuses a request. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 406:
      return "not_acceptable";
    case 408:
      return "request_timeout";
    case 413:
      return "payload_too_large";
    case 412:
      return "precondition_failed";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 416:
      return "range_not_satisfiable";
    case 431:
      return "headers_too_large";
    case 503:
      return "service_unavailable";
    default:
      return status >= 500 ? "internal_error" : "bad_request";
  }
}
