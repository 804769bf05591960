import { FileSchema, type FileDto } from "@atelier/contracts";
import { api, read, type createApiClient } from "./client";
import { ApiError, isApiError } from "./errors";

function uploadFailure(file: File, error: ApiError): ApiError {
  if (error.status === 0 && error.code === "network_error") {
    return new ApiError({
      status: 0,
      code: "network_error",
      title: "Network error",
      detail: `We couldn't upload “${file.name}”. Check your connection and try again.`,
    });
  }
  if (error.status === 0) return error;
  const reason =
    error.status === 413
      ? "is too large"
      : error.status === 415
        ? "is a type of file we can't accept"
        : (error.code.startsWith("http_") ? "couldn't be uploaded" : (error.detail ?? error.title)).replace(
            /\.$/,
            "",
          );
  return new ApiError({
    status: error.status,
    code: error.code,
    title: "Upload failed",
    detail: `“${file.name}” ${reason}.`,
    errors: error.errors,
  });
}

/** Uploads one file with `POST /api/files` (multipart, field `file`); errors name the file. */
export async function uploadFile(
  file: File,
  client: ReturnType<typeof createApiClient> = api,
): Promise<FileDto> {
  try {
    return await read(
      FileSchema,
      client.POST("/api/files", {
        body: { file },
        bodySerializer: () => {
          const form = new FormData();
          form.append("file", file, file.name);
          return form;
        },
      }),
    );
  } catch (error) {
    throw isApiError(error) ? uploadFailure(file, error) : error;
  }
}
