import { useRealtime } from "../lib/realtime";

/**
 * The live connection, in its own chunk: its frame schemas (every pushed event) are not needed to
 * paint the first page, so they load after it, and only for a signed-in visitor.
 */
export default function RealtimeBridge({ userId }: { userId: string }) {
  useRealtime(userId);
  return null;
}
