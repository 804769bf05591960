import { PublicProfileSchema } from "@atelier/contracts";
import { queryOptions } from "@tanstack/react-query";
import { api } from "./api";

/** `GET /api/users/:username`: a public profile. */
export function profileQueryOptions(username: string) {
  return queryOptions({
    queryKey: ["users", username],
    queryFn: ({ signal }) =>
      api.get(`/api/users/${encodeURIComponent(username)}`, PublicProfileSchema, signal),
  });
}
