import { MeSchema, type Me } from "@atelier/contracts";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { api, isApiError, read } from "./api";

/** `GET /api/me`: the signed-in user, or `null` when signed out (the API answers 401). */
export const meQueryOptions = queryOptions({
  queryKey: ["me"],
  // No abort signal on purpose: route guards await this same fetch (ensureQueryData), and a component
  // unsubscribing mid-flight must not cancel it under them.
  queryFn: async (): Promise<Me | null> => {
    try {
      return await read(MeSchema, api.GET("/api/me"));
    } catch (error) {
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const meQueryKey = meQueryOptions.queryKey;

export function useMe() {
  return useQuery(meQueryOptions);
}

/** Query keys that hold data private to the signed-in user; dropped on sign-in and sign-out. */
export const PRIVATE_QUERY_ROOTS: readonly string[] = [
  "tokens",
  "conversations",
  "notifications",
  "offers",
  "briefs",
];

/** Signs out, then goes home (so no private page is left showing) and forgets the user's data. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.POST("/api/auth/logout");
      } catch (error) {
        // Already signed out (session expired or revoked elsewhere): nothing left to do.
        if (!isApiError(error, 401)) throw error;
      }
    },
    onSuccess: async () => {
      await navigate({ to: "/" });
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({
        predicate: (query) => PRIVATE_QUERY_ROOTS.includes(String(query.queryKey[0])),
      });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** Call after sign-in or sign-up with the user the API returned. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return (user: Me) => {
    queryClient.removeQueries({
      predicate: (query) => PRIVATE_QUERY_ROOTS.includes(String(query.queryKey[0])),
    });
    queryClient.setQueryData(meQueryKey, user);
  };
}

/** Only same-site paths are followed after sign-in ("/orders/1"), never "//evil.example" or "https://…". */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return "/";
  return target;
}
