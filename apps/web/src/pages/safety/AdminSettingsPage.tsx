import { MarketplaceSettingsSchema, type MarketplaceSettings } from "@atelier/contracts/safety";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { TextAreaField, TextField } from "../../components/TextField";
import { api, describeError, read } from "../../lib/api";
import { usePageTitle } from "../../lib/usePageTitle";
import { AdminGate, AdminHeading } from "./AdminGate";

const settingsKey = ["admin", "settings"] as const;

/** `/admin/settings`: fees, clearing periods and the prohibited list; changes apply to new orders. */
export function AdminSettingsPage() {
  usePageTitle("Marketplace settings");
  return (
    <AdminGate label="Loading settings">
      <Settings />
    </AdminGate>
  );
}

function Settings() {
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => read(MarketplaceSettingsSchema, api.GET("/api/admin/settings")),
  });
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <AdminHeading title="Marketplace settings">
        Changes apply to orders placed after you save; orders already placed keep their fees and clearing
        period. Every change is written to the audit log.
      </AdminHeading>
      <div className="mt-8">
        {settings.isPending ? (
          <LoadingRegion label="Loading settings">
            <Skeleton className="h-64 w-full" />
          </LoadingRegion>
        ) : settings.isError ? (
          <ErrorState
            title="The settings couldn’t load"
            error={settings.error}
            onRetry={() => void settings.refetch()}
            retrying={settings.isFetching}
          />
        ) : (
          <SettingsForm initial={settings.data} />
        )}
      </div>
    </div>
  );
}

const int = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

function SettingsForm({ initial }: { initial: MarketplaceSettings }) {
  const queryClient = useQueryClient();
  const [commission, setCommission] = useState(String(initial.commissionBps / 100));
  const [buyerFee, setBuyerFee] = useState(String(initial.buyerFeeBps / 100));
  const [smallFee, setSmallFee] = useState(String(initial.smallOrderFee.amount / 100));
  const [threshold, setThreshold] = useState(String(initial.smallOrderThreshold.amount / 100));
  const [clearing, setClearing] = useState(String(initial.clearingDays));
  const [topClearing, setTopClearing] = useState(String(initial.topRatedClearingDays));
  const [terms, setTerms] = useState(initial.prohibitedTerms.join("\n"));
  const save = useMutation({
    mutationFn: () =>
      read(
        MarketplaceSettingsSchema,
        api.PUT("/api/admin/settings", {
          body: {
            commissionBps: Math.round(int(commission) * 100),
            buyerFeeBps: Math.round(int(buyerFee) * 100),
            smallOrderFee: {
              amount: Math.round(int(smallFee) * 100),
              currency: initial.smallOrderFee.currency,
            },
            smallOrderThreshold: {
              amount: Math.round(int(threshold) * 100),
              currency: initial.smallOrderThreshold.currency,
            },
            clearingDays: int(clearing),
            topRatedClearingDays: int(topClearing),
            prohibitedTerms: terms
              .split("\n")
              .map((t) => t.trim())
              .filter((t) => t !== ""),
          },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="space-y-4" onSubmit={onSubmit}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Seller commission (%)"
          inputMode="decimal"
          value={commission}
          onChange={(e) => setCommission(e.target.value)}
        />
        <TextField
          label="Buyer service fee (%)"
          inputMode="decimal"
          value={buyerFee}
          onChange={(e) => setBuyerFee(e.target.value)}
        />
        <TextField
          label="Small-order fee"
          inputMode="decimal"
          value={smallFee}
          onChange={(e) => setSmallFee(e.target.value)}
        />
        <TextField
          label="Small-order threshold"
          inputMode="decimal"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
        />
        <TextField
          label="Clearing period (days)"
          inputMode="numeric"
          value={clearing}
          onChange={(e) => setClearing(e.target.value)}
        />
        <TextField
          label="Top Rated clearing period (days)"
          inputMode="numeric"
          value={topClearing}
          onChange={(e) => setTopClearing(e.target.value)}
        />
      </div>
      <TextAreaField
        label="Prohibited services (one per line)"
        rows={8}
        value={terms}
        onChange={(e) => setTerms(e.target.value)}
      />
      {save.isError ? <FormAlert>{describeError(save.error)}</FormAlert> : null}
      {save.isSuccess ? <p role="status">Saved. New orders use these settings.</p> : null}
      <Button type="submit" loading={save.isPending}>
        Save settings
      </Button>
    </form>
  );
}
