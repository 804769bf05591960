// The web app's door to the API: the typed client, its errors and the upload helper.
export {
  anything,
  api,
  createApiClient,
  CSRF_COOKIE,
  read,
  readCookie,
  type Parser,
  type RequestBody,
} from "./client";
export { ApiError, describeError, isApiError, type FieldIssue } from "./errors";
export { uploadFile } from "./upload";
