/** Conversation rules (PRODUCT.md "Conversations"); every number can be overridden from the environment. */
export interface MessagingConfig {
  /** Messages one user may send per window before 429 `rate_limited`. */
  messagesPerWindow: number;
  messageWindowSeconds: number;
  /** New conversations one user may open per window (cold-message spam). */
  newConversationsPerWindow: number;
  newConversationWindowSeconds: number;
  /** Flagged messages from one user within `reportWindowSeconds` that open an admin report. */
  reportThreshold: number;
  reportWindowSeconds: number;
  /** Shown to both participants under a flagged message. */
  offPlatformWarning: string;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${value}"`);
  return n;
}

export function messagingConfig(env: NodeJS.ProcessEnv): MessagingConfig {
  return {
    messagesPerWindow: int(env.ATELIER_MESSAGES_PER_MINUTE, 30),
    messageWindowSeconds: 60,
    newConversationsPerWindow: int(env.ATELIER_NEW_CONVERSATIONS_PER_HOUR, 30),
    newConversationWindowSeconds: 3600,
    reportThreshold: int(env.ATELIER_OFF_PLATFORM_REPORT_THRESHOLD, 3),
    reportWindowSeconds: 30 * 24 * 3600,
    offPlatformWarning:
      "This message seems to share contact or payment details. Keep talking and paying on Atelier: " +
      "outside it, your order, your money and your files are not protected.",
  };
}
