import type { NotificationCategory } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { describeError } from "../lib/api";
import {
  messagingKeys,
  notificationPreferencesQueryOptions,
  updateNotificationPreferences,
} from "../lib/messaging";
import { usePageTitle } from "../lib/usePageTitle";

const CATEGORY_LABELS: Record<NotificationCategory, { title: string; description: string }> = {
  orders: {
    title: "Orders",
    description: "New orders, deliveries, revisions, completions and cancellations.",
  },
  messages: { title: "Messages", description: "New messages in your conversations." },
  reviews: { title: "Reviews", description: "Reviews you receive and replies to yours." },
  account: { title: "Account", description: "Sign-ins, payouts and changes to your account." },
  safety: { title: "Safety", description: "Warnings about messages that try to move deals off Atelier." },
};

type Channel = "inApp" | "email";

/** Per category: notifications in the app (the bell) and by e-mail. Each switch saves at once. */
export function NotificationSettingsPage() {
  usePageTitle("Notification settings");
  const queryClient = useQueryClient();
  const preferences = useQuery(notificationPreferencesQueryOptions);
  const update = useMutation({
    mutationFn: (change: { category: NotificationCategory; channel: Channel; value: boolean }) =>
      updateNotificationPreferences([{ category: change.category, [change.channel]: change.value }]),
    onSuccess: (saved) => queryClient.setQueryData(messagingKeys.preferences, saved),
  });

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <h1 className="font-display text-3xl font-semibold tracking-tight text-stone-900">
        Notification settings
      </h1>
      <p className="mt-2 text-stone-600">
        Choose what reaches you in Atelier and what also comes by e-mail. Changes save as you make them.
      </p>
      <div className="mt-8">
        {preferences.isPending ? (
          <LoadingRegion label="Loading your settings">
            <Skeleton className="h-64 w-full rounded-2xl" />
          </LoadingRegion>
        ) : preferences.isError ? (
          <ErrorState
            title="Your settings couldn’t load"
            error={preferences.error}
            onRetry={() => void preferences.refetch()}
            retrying={preferences.isFetching}
          />
        ) : (
          <div className="space-y-4">
            {update.isError ? <FormAlert>{describeError(update.error)}</FormAlert> : null}
            <table className="w-full overflow-hidden rounded-2xl border border-stone-200 bg-white text-left text-sm">
              <caption className="sr-only">Notifications by category</caption>
              <thead className="bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Category
                  </th>
                  <th scope="col" className="w-24 px-4 py-3 text-center font-medium">
                    In app
                  </th>
                  <th scope="col" className="w-24 px-4 py-3 text-center font-medium">
                    E-mail
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {preferences.data.data.map((preference) => {
                  const label = CATEGORY_LABELS[preference.category];
                  const pending = update.isPending && update.variables.category === preference.category;
                  return (
                    <tr key={preference.category}>
                      <th scope="row" className="px-4 py-3 font-normal">
                        <span className="block font-medium text-stone-900">{label.title}</span>
                        <span className="block text-stone-600">{label.description}</span>
                      </th>
                      {(["inApp", "email"] as const).map((channel) => (
                        <td key={channel} className="px-4 py-3 text-center">
                          <input
                            type="checkbox"
                            className="size-5 accent-brand-700"
                            aria-label={`${label.title}: ${channel === "inApp" ? "in app" : "e-mail"}`}
                            checked={preference[channel]}
                            disabled={pending}
                            onChange={(event) =>
                              update.mutate({
                                category: preference.category,
                                channel,
                                value: event.target.checked,
                              })
                            }
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
