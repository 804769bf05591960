/** Demo sellers and buyers for a fresh marketplace: plausible people, not placeholders. */
export interface DemoSeller {
  username: string;
  displayName: string;
  headline: string;
  bio: string;
  skills: string[];
  languages: string[];
  country: string;
}

export const DEMO_PASSWORD = "atelier-demo-2026";
export const ADMIN_EMAIL = "admin@atelier.local";
export const ADMIN_PASSWORD = "atelier-admin-2026";

export const DEMO_SELLERS: DemoSeller[] = [
  {
    username: "maya_lindqvist",
    displayName: "Maya Lindqvist",
    headline: "Brand identities for independent shops",
    bio: "Ten years designing logos and brand systems for cafés, bakeries and small studios in Stockholm and beyond. I sketch by hand first.",
    skills: ["logo design", "branding", "typography"],
    languages: ["English", "Swedish"],
    country: "SE",
  },
  {
    username: "tomasz_dev",
    displayName: "Tomasz Wójcik",
    headline: "Full-stack web developer, TypeScript and PostgreSQL",
    bio: "I build fast, accessible web apps and fix the slow ones. Former agency lead, now independent, with a soft spot for database tuning.",
    skills: ["react", "node.js", "postgresql", "typescript"],
    languages: ["English", "Polish"],
    country: "PL",
  },
  {
    username: "amara_writes",
    displayName: "Amara Okafor",
    headline: "Copywriter for SaaS and fintech",
    bio: "I write landing pages, product e-mails and blog posts that explain complicated products in plain words. Former product marketer.",
    skills: ["copywriting", "blog posts", "email marketing"],
    languages: ["English", "Igbo"],
    country: "NG",
  },
  {
    username: "lucia_motion",
    displayName: "Lucía Fernández",
    headline: "Motion designer and explainer video animator",
    bio: "Animated explainers, logo reveals and social clips. I handle script, storyboard, voice casting and the final render.",
    skills: ["after effects", "motion graphics", "video editing"],
    languages: ["English", "Spanish"],
    country: "ES",
  },
  {
    username: "kenji_audio",
    displayName: "Kenji Watanabe",
    headline: "Mixing, mastering and podcast sound",
    bio: "Audio engineer with a treated studio in Osaka. Mixing and mastering for indie artists, and clean edits for weekly podcasts.",
    skills: ["mixing", "mastering", "podcast editing"],
    languages: ["English", "Japanese"],
    country: "JP",
  },
  {
    username: "priya_data",
    displayName: "Priya Raman",
    headline: "Data analyst: dashboards, SQL and forecasting",
    bio: "I turn spreadsheets and databases into dashboards people actually read. Python, SQL, and a habit of asking what decision the chart supports.",
    skills: ["sql", "python", "data visualization", "forecasting"],
    languages: ["English", "Tamil", "Hindi"],
    country: "IN",
  },
  {
    username: "jonas_seo",
    displayName: "Jonas Becker",
    headline: "Technical SEO audits for online stores",
    bio: "Crawl audits, site speed and structured data for e-commerce sites. Clear reports with a prioritised list of fixes, not a 90-page PDF.",
    skills: ["seo", "site audits", "google analytics"],
    languages: ["English", "German"],
    country: "DE",
  },
  {
    username: "sofia_translates",
    displayName: "Sofia Rossi",
    headline: "Italian–English translator and editor",
    bio: "Certified translator for websites, apps and marketing material. I localise, not just translate, and proofread my own work twice.",
    skills: ["translation", "proofreading", "localisation"],
    languages: ["Italian", "English", "French"],
    country: "IT",
  },
];

export const DEMO_BUYERS = [
  { username: "olivia_buys", displayName: "Olivia Chen", email: "olivia@example.com" },
  { username: "marcus_founder", displayName: "Marcus Reid", email: "marcus@example.com" },
  { username: "hannah_shop", displayName: "Hannah Müller", email: "hannah@example.com" },
  { username: "diego_studio", displayName: "Diego Alvarez", email: "diego@example.com" },
];

export const demoSellerEmail = (username: string) => `${username}@example.com`;
