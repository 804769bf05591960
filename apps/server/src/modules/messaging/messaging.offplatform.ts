/**
 * Off-platform contact detection: does a message try to move the conversation or the payment off
 * Atelier (an e-mail address, a phone number, a messaging or payment handle or link, or an
 * obfuscated form of one)? Pure text analysis, no I/O. Precision and recall are measured on the
 * labelled set in offplatform.labelled.ts (see messaging.offplatform.test.ts).
 *
 * The text is first normalised (case, Unicode compatibility forms, invisible characters, spelled-out
 * digits, "at"/"dot" spellings, letters spaced apart), then each detector looks at the normalised
 * text. Numbers that only look like phone numbers (dates, versions, sizes, prices, product codes)
 * are told apart by their shape and by the words in front of them.
 */

export type OffPlatformReasonKind = "email" | "phone" | "link" | "handle" | "payment" | "intent";

export interface OffPlatformReason {
  kind: OffPlatformReasonKind;
  /** The normalised text that matched (for admins reviewing a report). */
  match: string;
}

export interface OffPlatformResult {
  flagged: boolean;
  reasons: OffPlatformReason[];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const MAIL_PROVIDERS =
  "gmail|googlemail|yahoo|hotmail|outlook|icloud|protonmail|proton|gmx|aol|yandex|live|msn|zoho|fastmail|mail";

const TLDS =
  "com|net|org|io|me|co|app|dev|ly|gg|link|site|xyz|info|biz|us|uk|de|fr|es|it|nl|ca|au|in|ru|tv|page|store|shop|online|design|studio|fm|to|ee|eu|ch|at|be|se|pl|br|mx";

/** Apps people move a conversation to. */
const MESSAGING_APPS =
  "whatsapp|telegram|skype|discord|wechat|signal|snapchat|snap|kik|viber|line id|messenger|imessage|facetime|zoom|google meet|teams|hangouts";

/** Social networks: a design topic as often as a contact channel, so they need more evidence. */
const SOCIAL_APPS = "instagram|insta|ig|twitter|tiktok|facebook|fb|linkedin";

const PAYMENT_APPS =
  "paypal|venmo|cashapp|zelle|wise|transferwise|western union|moneygram|payoneer|skrill|revolut|bank transfer|wire transfer|wire|crypto|bitcoin|btc|usdt|ethereum|eth";

/** Link domains that only serve to reach or pay someone directly. */
const CONTACT_DOMAINS = [
  "wa.me",
  "whatsapp.com",
  "t.me",
  "telegram.me",
  "telegram.org",
  "discord.gg",
  "discord.com",
  "discordapp.com",
  "m.me",
  "messenger.com",
  "skype.com",
  "signal.me",
  "signal.group",
  "line.me",
  "kik.me",
  "viber.com",
  "paypal.me",
  "paypal.com",
  "venmo.com",
  "cash.app",
  "wise.com",
  "revolut.me",
  "revolut.com",
  "payoneer.com",
  "buymeacoffee.com",
  "ko-fi.com",
  "patreon.com",
  "calendly.com",
  "zoom.us",
  "meet.google.com",
  "teams.microsoft.com",
  "linkedin.com",
  "facebook.com",
  "fb.com",
  "instagram.com",
  "twitter.com",
  "x.com",
  "tiktok.com",
  "snapchat.com",
  "linktr.ee",
  "upwork.com",
  "freelancer.com",
  "fiverr.com",
];

/** Where people share references and work in progress; links there are not contact details. */
const REFERENCE_DOMAINS = [
  "youtube.com",
  "youtu.be",
  "vimeo.com",
  "dribbble.com",
  "behance.net",
  "pinterest.com",
  "unsplash.com",
  "pexels.com",
  "figma.com",
  "canva.com",
  "github.com",
  "gitlab.com",
  "wikipedia.org",
  "fonts.google.com",
  "docs.google.com",
  "drive.google.com",
  "dropbox.com",
  "example.com",
  "example.org",
  "example.net",
];

/** A look-behind: the match begins where a word, address or number begins. */
const TOKEN_START = "(?<![a-z0-9._%+-])";

const NUMBER_WORDS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};

/** Words that make a run of digits a phone number even when it is short. */
const PHONE_CONTEXT =
  /\b(call|calls|calling|phone|tel|telephone|mobile|cell|cellphone|number|num|whatsapp|viber|signal|sms|text|texting|ring|dial|reach|contact|telegram)\b|\+/;

/** Words right before a number that make it a code rather than a phone number. */
const CODE_CONTEXT =
  /\b(order|orders|invoice|inv|isbn|sku|ean|upc|barcode|part|case|ref|reference|references|tracking|serial|model|item|ticket|build|version|coupon|code|zip|postcode|pantone|population|revenue|sold)\b[^a-z]{0,3}(numbers?|no\.?|nos\.?|#|num|id|code)?(?:\s*(?:is|was|are|were))?[\s:#.-]*$|\bno\.\s*$|#\s*$/;

const UNITS_AFTER =
  /^\s*(usd|eur|gbp|idr|inr|dollars?|euros?|px|pt|mm|cm|m|km|kg|g|in|inch|inches|dpi|ppi|kb|mb|gb|words?|units?|items?|downloads?|views?|users?|customers?|people|pages?|%|°)\b/;

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Letters or digits written one by one with spaces ("w h a t s a p p", "5 5 5 1 2 3 …") joined up. */
function joinSpacedCharacters(text: string): string {
  return text.replace(/(?:\b[a-z0-9@.+] ){3,}[a-z0-9@.+]\b/g, (run) => run.replace(/ /g, ""));
}

/** Runs of four or more spelled-out digits ("five five five one") become digits. */
function spelledDigits(text: string): string {
  const word = Object.keys(NUMBER_WORDS).join("|");
  const run = new RegExp(`\\b(?:(?:${word})[\\s,.-]+){3,}(?:${word})\\b`, "g");
  return text.replace(run, (m) =>
    m
      .split(/[\s,.-]+/)
      .map((w) => NUMBER_WORDS[w] ?? "")
      .join(""),
  );
}

/** Mixed spelled and written digits in a phone-like run: "415 five five five 0198", "plus one four…". */
function mixedDigits(text: string): string {
  const word = Object.keys(NUMBER_WORDS).join("|");
  const token = `(?:${word}|\\d+)`;
  const run = new RegExp(`(?:\\bplus\\s+)?\\b(?:${token}[\\s-]+){2,}${token}\\b`, "g");
  return text.replace(run, (m) => {
    const parts = m.split(/[\s-]+/);
    const spelled = parts.filter((p) => p in NUMBER_WORDS).length;
    if (spelled === 0) return m;
    const digits = parts.map((p) => (p === "plus" ? "+" : (NUMBER_WORDS[p] ?? p))).join("");
    return /^\+?\d+$/.test(digits) && digits.replace("+", "").length >= 7 ? digits : m;
  });
}

/** Digits typed as look-alike letters inside a number ("4l5-555-Ol98"). */
function lookalikeDigits(text: string): string {
  return text.replace(/\b[0-9ol|]{2,}\b/g, (token) => {
    const digits = (token.match(/[0-9]/g) ?? []).length;
    return digits >= 2 ? token.replace(/o/g, "0").replace(/[l|]/g, "1") : token;
  });
}

/** "bob at gmail dot com", "anna (at) outlook (dot) com", "tom underscore art" → an address. */
function unobfuscateAddress(text: string): string {
  let t = text;
  t = t.replace(/\s*[([{<]\s*(?:at|@)\s*[)\]}>]\s*/g, "@");
  t = t.replace(/\s*[([{<]\s*(?:dot|\.)\s*[)\]}>]\s*/g, ".");
  t = t.replace(/\s+underscore\s+/g, "_");
  t = t.replace(new RegExp(`\\s+dot\\s+(?=(?:${TLDS}|${MAIL_PROVIDERS})\\b)`, "g"), ".");
  // "lisa dot wong at": a dot between two name parts right before an "at".
  t = t.replace(/(?<![a-z0-9_-])([a-z0-9_-]{1,64})\s+dot\s+([a-z0-9_-]{1,64})(?=\s+at\s)/g, "$1.$2");
  t = t.replace(new RegExp(`([a-z0-9._-])\\s+at\\s+(?=(?:${MAIL_PROVIDERS})\\b)`, "g"), "$1@");
  t = t.replace(new RegExp(`([a-z0-9._-])\\s+at\\s+(?=[a-z0-9-]+\\.(?:${TLDS})\\b)`, "g"), "$1@");
  t = t.replace(/([a-z0-9._-])_at_(?=[a-z0-9-]+(?:_dot_|\.))/g, "$1@").replace(/_dot_/g, ".");
  return t;
}

/** Split words the detectors look for ("whats app", "g-mail", "tele gram", "cash app", "e mail"). */
function joinSplitNames(text: string): string {
  return text
    .replace(/\bwhat'?s\s?app\b/g, "whatsapp")
    .replace(/\bg[\s-]mail\b/g, "gmail")
    .replace(/\btele\s+gram\b/g, "telegram")
    .replace(/\bcash\s?app\b/g, "cashapp")
    .replace(/\be[\s-]mail\b/g, "email")
    .replace(/\bpay\s+pal\b/g, "paypal")
    .replace(/\bsky\s+pe\b/g, "skype");
}

export function normalise(text: string): string {
  let t = text.normalize("NFKC").toLowerCase();
  t = t.replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, "");
  t = t.replace(/[‐-―−]/g, "-");
  t = joinSplitNames(t);
  t = joinSpacedCharacters(t);
  t = spelledDigits(t);
  t = mixedDigits(t);
  t = lookalikeDigits(t);
  t = unobfuscateAddress(t);
  // A spaced e-mail written out letter by letter keeps its spaces around "@" and "."
  t = t.replace(/([a-z0-9]) ?@ ?([a-z0-9])/g, "$1@$2");
  return t;
}

// ---------------------------------------------------------------------------------------------
// Detectors

function findEmails(t: string): string[] {
  const out: string[] = [];
  // Matches start only where a token starts (the look-behind): scanning from inside a long token
  // again and again would make a 5,000-character message quadratic.
  const full = new RegExp(
    `${TOKEN_START}[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,4}\\.[a-z]{2,24}\\b`,
    "g",
  );
  for (const m of t.matchAll(full)) out.push(m[0]);
  // "bob@gmail" without the ".com"
  const provider = new RegExp(`${TOKEN_START}[a-z0-9][a-z0-9._%+-]{0,63}@(?:${MAIL_PROVIDERS})\\b`, "g");
  for (const m of t.matchAll(provider)) if (!out.some((o) => o.startsWith(m[0]))) out.push(m[0]);
  // "contact me at markdesigns on gmail"
  const onProvider = new RegExp(
    `\\b(?:at|is|:)\\s+[a-z0-9._-]{3,}\\s+on\\s+(?:${MAIL_PROVIDERS.replace("|mail", "")})\\b`,
    "g",
  );
  for (const m of t.matchAll(onProvider)) out.push(m[0]);
  // "my gmail is markdesigns2020", "gmail: tomdesigns"
  const named = new RegExp(
    `\\b(?:${MAIL_PROVIDERS.replace("|mail", "")})\\s*(?:is|:|=|-)\\s*[a-z0-9._-]{3,}`,
    "g",
  );
  for (const m of t.matchAll(named)) out.push(m[0]);
  return out;
}

function isDateShape(s: string): boolean {
  return (
    /^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/.test(s) ||
    /^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$/.test(s) ||
    /^\d{4}[-.]\d{1,2}[-.]\d{1,2}[-.]\d{1,3}$/.test(s)
  );
}

function isVersionShape(s: string): boolean {
  return /^\d{1,4}(?:\.\d{1,4}){1,3}$/.test(s) && s.replace(/\D/g, "").length < 10;
}

function findPhones(t: string): string[] {
  const out: string[] = [];
  const candidate = /(?:\+|\b00)?\(?\d[\d\s().-]{5,}\d\)?/g;
  for (const m of t.matchAll(candidate)) {
    const raw = m[0].trim();
    const start = m.index;
    const end = start + m[0].length;
    const digits = raw.replace(/\D/g, "");
    if (digits.length < 7 || digits.length > 15) continue;
    const before = t.slice(Math.max(0, start - 30), start);
    const after = t.slice(end, end + 12);
    const prevChar = t[start - 1] ?? " ";
    const nextChar = t[end] ?? " ";
    // Part of a longer token: a price, a size, a code, a decimal, a range of letters and digits.
    if (/[$€£¥a-z_#/:]/.test(prevChar) || /[a-z_/:%°x×]/.test(nextChar)) continue;
    if (/[$€£¥]\s*$/.test(before)) continue;
    if (UNITS_AFTER.test(after)) continue;
    if (CODE_CONTEXT.test(before)) continue;
    if (isDateShape(raw) || isVersionShape(raw)) continue;
    const international = /^(?:\+|00)/.test(raw);
    const context = PHONE_CONTEXT.test(t.slice(Math.max(0, start - 40), Math.min(t.length, end + 25)));
    const groups = raw.split(/[\s().-]+/).filter((g) => g !== "");
    // Thousands written with spaces ("1 200 000"): groups of three after the first.
    const spacedThousands = groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && !context;
    if (spacedThousands) continue;
    // Two numbers joined by a dash ("1500-2000", "45-67") are a range unless something says phone.
    const range = /^\d{1,5}\s?-\s?\d{1,5}$/.test(raw);
    if (international && digits.length >= 8) out.push(raw);
    else if (digits.length >= 10 && !(range && !context)) out.push(raw);
    else if (context && digits.length >= 7) out.push(raw);
  }
  return out;
}

function domainOf(url: string): string {
  return (
    url
      .replace(/^https?:\/\//, "")
      .replace(/^www\./, "")
      .split(/[/?#]/)[0] ?? ""
  );
}

function matchesDomain(domain: string, list: readonly string[]): boolean {
  return list.some((d) => domain === d || domain.endsWith(`.${d}`));
}

const CONTACT_WORDS =
  /\b(contact|reach|email|call|message|write|book|hire|directly|dm|text|chat|talk|sort it out|discount|pay)\b/;

function findLinks(t: string): string[] {
  const out: string[] = [];
  const url = new RegExp(
    `(?:https?:\\/\\/[^\\s<>"']+|\\bwww\\.[^\\s<>"']+|${TOKEN_START}[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63}){0,4}\\.(?:${TLDS})\\b(?:\\/[^\\s<>"']*)?)`,
    "g",
  );
  for (const m of t.matchAll(url)) {
    const link = m[0].replace(/[.,;:!?)]+$/, "");
    // An e-mail's domain is the e-mail detector's business.
    if (t[m.index - 1] === "@") continue;
    const domain = domainOf(link);
    if (!domain.includes(".")) continue;
    if (matchesDomain(domain, REFERENCE_DOMAINS)) continue;
    if (matchesDomain(domain, CONTACT_DOMAINS)) out.push(link);
    else if (CONTACT_WORDS.test(t)) out.push(link);
  }
  return out;
}

function findHandles(t: string): string[] {
  const out: string[] = [];
  const messaging = new RegExp(`\\b(?:${MESSAGING_APPS})\\b`);
  const social = new RegExp(`\\b(?:${SOCIAL_APPS})\\b`);
  const selfReference = /\b(my|me|i'm|i am|im|add|find|follow|dm|message|reach|contact|hit)\b/;
  const handle = /(?:^|[\s:(])@[a-z0-9_.-]{3,30}/g;
  for (const m of t.matchAll(handle)) {
    if (messaging.test(t) || (social.test(t) && selfReference.test(t))) out.push(m[0].trim());
  }
  // "skype: pixel.master.99", "discord: artsy_ana", "line id is kenji_art"
  const labelled = new RegExp(
    `\\b(?:${MESSAGING_APPS})\\s*(?:id|username|user name|handle|name|tag)?\\s*(?:is|:|=)\\s*(?:live:)?[a-z@+][a-z0-9_.@:-]{2,}`,
    "g",
  );
  for (const m of t.matchAll(labelled)) out.push(m[0]);
  // "my snap is coolguy_99", "my insta is …", "my kik is …"
  const mine = new RegExp(
    `\\bmy\\s+(?:${MESSAGING_APPS}|${SOCIAL_APPS})\\s*(?:id|username|user name|handle|name|tag|account)?\\s*(?:is|:|=|-)\\s*@?[a-z0-9_.]{3,}`,
    "g",
  );
  for (const m of t.matchAll(mine)) out.push(m[0]);
  // Discord tags "pixelbob#4821"
  for (const m of t.matchAll(/\b[a-z0-9_.]{2,32}#\d{4}\b/g)) out.push(m[0]);
  return out;
}

/** ISO 13616 check: a real IBAN, not any string of letters and digits. */
function isIban(candidate: string): boolean {
  const s = candidate.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

function findPayments(t: string, original: string): string[] {
  const out: string[] = [];
  const app = new RegExp(`\\b(?:${PAYMENT_APPS})\\b`);
  const sendVerb =
    /\b(pay|paid|paying|send|sending|transfer|deal|money|wire|receive|rest|instead|directly)\b/;
  const self = /\b(me|my|i|directly|instead|us|we|we're)\b/;
  if (app.test(t) && sendVerb.test(t) && self.test(t)) {
    const m = app.exec(t);
    if (m) out.push(m[0]);
  }
  // "Zelle me", "Venmo me", "paypal me"
  for (const m of t.matchAll(new RegExp(`\\b(?:${PAYMENT_APPS})\\s+me\\b`, "g"))) out.push(m[0]);
  // "my cashapp is $bob", "my revolut is @janek"
  for (const m of t.matchAll(
    new RegExp(`\\bmy\\s+(?:${PAYMENT_APPS})\\s*(?:is|:|=|-)?\\s*[@$][a-z0-9_.-]{2,}`, "g"),
  )) {
    out.push(m[0]);
  }
  if (/\bcashapp\b/.test(t)) for (const m of t.matchAll(/\$[a-z][a-z0-9_-]{2,}/g)) out.push(m[0]);
  // Paying around the platform: "pay me directly", "skip the fees", "outside atelier".
  const around = [
    /\bpay(?:ing)?\s+(?:me|you|us)?\s*(?:directly|privately|outside|off|in cash|by bank)\b/,
    /\b(?:skip|avoid|save|bypass|dodge)\s+(?:the\s+)?(?:atelier\s+|platform\s+|site\s+|service\s+)?(?:fees?|commission|cut|20%)\b/,
    /\b(?:outside|off)\s+(?:of\s+)?(?:atelier|the platform|this platform|the site|this site|here|fiverr|upwork)\b/,
    /\bbank details\b|\brouting number\b|\bsort code\b|\bswift\b|\biban\b|\baccount number\b/,
    /\b(?:next|this|the)\s+order\s+privately\b/,
    /\b(?:don'?t|do not|no need to)\s+pay\s+(?:here|on atelier|through atelier|on the site|through the site|through the platform)\b/,
    /\b(?:send|give)\s+you\s+(?:a|my)\s+payment link\b/,
    /\b(?:order|buy|book|hire me)\s+(?:from|on|through|via)\s+my\s+(?:own\s+)?(?:website|site|shop|store|page)\b/,
  ];
  for (const pattern of around) {
    const m = pattern.exec(t);
    if (m) out.push(m[0]);
  }
  // IBANs (spaces allowed in groups of four) and crypto wallet addresses.
  for (const m of original.matchAll(
    /\b[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,4})?\b/g,
  )) {
    if (isIban(m[0].replace(/\s/g, ""))) out.push(m[0]);
  }
  for (const m of original.matchAll(/\b0x[a-fA-F0-9]{40}\b/g)) out.push(m[0]);
  for (const m of original.matchAll(/\bbc1[a-z0-9]{25,59}\b/g)) out.push(m[0]);
  for (const m of original.matchAll(/\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\b/g)) out.push(m[0]);
  return out;
}

/** Asking to continue elsewhere, with or without a handle: "message me on WhatsApp", "move this to email". */
function findIntent(t: string): string[] {
  const out: string[] = [];
  const channels = `${MESSAGING_APPS}|${SOCIAL_APPS}|email|mail|phone|sms|any app|another app`;
  const verbs =
    "talk|chat|continue|move|take|discuss|communicate|connect|speak|reach|contact|message|text|write|call|dm|ping|add|find|follow|hit me up|finish";
  const onChannel = new RegExp(
    `\\b(?:${verbs})\\b[^.!?\\n]{0,30}?\\b(?:on|via|over|through|by|to|in|at)\\s+(?:the\\s+)?(?:${channels})\\b`,
    "g",
  );
  for (const m of t.matchAll(onChannel)) out.push(m[0]);
  const asking =
    /\b(?:give|send|share|tell)\s+(?:me\s+)?your\s+(?:number|phone|email|whatsapp|telegram|skype|contact)|\bwhat'?s\s+your\s+(?:number|phone|email|whatsapp|telegram|skype|contact)|\b(?:your|my)\s+(?:number|email)\s+(?:and|so)\s+i'?ll\b/;
  const ask = asking.exec(t);
  if (ask) out.push(ask[0]);
  const direct = new RegExp(`\\b(?:${MESSAGING_APPS})\\s+me\\b`, "g");
  for (const m of t.matchAll(direct)) out.push(m[0]);
  const haveApp = new RegExp(`\\bdo you (?:have|use) (?:${MESSAGING_APPS})\\b`).exec(t);
  if (haveApp) out.push(haveApp[0]);
  const privately =
    /\bmessage me privately\b|\b(?:same|my)\s+(?:name|number)\s+as\s+(?:here|on my profile)\b/;
  const p = privately.exec(t);
  if (p) out.push(p[0]);
  return out;
}

/** Looks for attempts to take contact or payment off the platform. */
export function detectOffPlatform(text: string): OffPlatformResult {
  const t = normalise(text);
  const reasons: OffPlatformReason[] = [];
  const add = (kind: OffPlatformReasonKind, matches: readonly string[]) => {
    for (const match of matches) reasons.push({ kind, match: match.trim().slice(0, 200) });
  };
  add("email", findEmails(t));
  add("phone", findPhones(t));
  add("link", findLinks(t));
  add("handle", findHandles(t));
  add("payment", findPayments(t, text.normalize("NFKC")));
  add("intent", findIntent(t));
  return { flagged: reasons.length > 0, reasons };
}
