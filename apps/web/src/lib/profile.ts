import { PublicProfileSchema } from "@atelier/contracts";
import { queryOptions } from "@tanstack/react-query";
import { api, read } from "./api";

/** `GET /api/users/:username`: a public profile. */
export function profileQueryOptions(username: string) {
  return queryOptions({
    queryKey: ["users", username],
    queryFn: ({ signal }) =>
      read(PublicProfileSchema, api.GET("/api/users/{username}", { params: { path: { username } }, signal })),
  });
}
