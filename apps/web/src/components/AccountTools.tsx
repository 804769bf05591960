import type { Me } from "@atelier/contracts";
import { InboxLink, NotificationBell } from "./NotificationBell";
import { UserMenu } from "./UserMenu";

/** The signed-in header's tools, in their own chunk: a signed-out first visit does not download them. */
export default function AccountTools({ me }: { me: Me }) {
  return (
    <>
      <InboxLink />
      <NotificationBell />
      <UserMenu me={me} />
    </>
  );
}
