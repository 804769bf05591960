/** The default category taxonomy: top-level categories with their subcategories. Slugs are stable. */
export interface TaxonomyNode {
  slug: string;
  name: string;
  description: string;
  children: { slug: string; name: string }[];
}

export const TAXONOMY: TaxonomyNode[] = [
  {
    slug: "graphics-design",
    name: "Graphics & Design",
    description: "Logos, brand identities, illustration and everything visual.",
    children: [
      { slug: "logo-design", name: "Logo Design" },
      { slug: "brand-style-guides", name: "Brand Style Guides" },
      { slug: "illustration", name: "Illustration" },
      { slug: "packaging-design", name: "Packaging & Label Design" },
      { slug: "presentation-design", name: "Presentation Design" },
      { slug: "social-media-design", name: "Social Media Design" },
    ],
  },
  {
    slug: "programming-tech",
    name: "Programming & Tech",
    description: "Websites, apps, automation and the code behind them.",
    children: [
      { slug: "website-development", name: "Website Development" },
      { slug: "mobile-apps", name: "Mobile Apps" },
      { slug: "wordpress", name: "WordPress" },
      { slug: "ai-development", name: "AI Development" },
      { slug: "bug-fixes", name: "Bug Fixes & Support" },
      { slug: "databases", name: "Databases" },
    ],
  },
  {
    slug: "digital-marketing",
    name: "Digital Marketing",
    description: "Reach the right people: search, social, e-mail and ads.",
    children: [
      { slug: "seo", name: "Search Engine Optimization" },
      { slug: "social-media-marketing", name: "Social Media Marketing" },
      { slug: "email-marketing", name: "E-mail Marketing" },
      { slug: "paid-ads", name: "Paid Advertising" },
      { slug: "content-marketing", name: "Content Marketing" },
    ],
  },
  {
    slug: "writing-translation",
    name: "Writing & Translation",
    description: "Words that work, in every language.",
    children: [
      { slug: "articles-blog-posts", name: "Articles & Blog Posts" },
      { slug: "copywriting", name: "Copywriting" },
      { slug: "translation", name: "Translation" },
      { slug: "proofreading-editing", name: "Proofreading & Editing" },
      { slug: "resume-writing", name: "Resume & Cover Letters" },
    ],
  },
  {
    slug: "video-animation",
    name: "Video & Animation",
    description: "Editing, motion graphics and explainers that move people.",
    children: [
      { slug: "video-editing", name: "Video Editing" },
      { slug: "animated-explainers", name: "Animated Explainers" },
      { slug: "motion-graphics", name: "Motion Graphics" },
      { slug: "subtitles-captions", name: "Subtitles & Captions" },
      { slug: "short-video-ads", name: "Short Video Ads" },
    ],
  },
  {
    slug: "music-audio",
    name: "Music & Audio",
    description: "Voices, mixes and original music.",
    children: [
      { slug: "voice-over", name: "Voice Over" },
      { slug: "mixing-mastering", name: "Mixing & Mastering" },
      { slug: "podcast-editing", name: "Podcast Editing" },
      { slug: "jingles-intros", name: "Jingles & Intros" },
      { slug: "music-production", name: "Music Production" },
    ],
  },
  {
    slug: "business",
    name: "Business",
    description: "Plans, numbers and the operations behind a company.",
    children: [
      { slug: "business-plans", name: "Business Plans" },
      { slug: "virtual-assistant", name: "Virtual Assistant" },
      { slug: "market-research", name: "Market Research" },
      { slug: "financial-consulting", name: "Financial Consulting" },
      { slug: "legal-consulting", name: "Legal Consulting" },
    ],
  },
  {
    slug: "data",
    name: "Data",
    description: "Analysis, visualisation and machine learning.",
    children: [
      { slug: "data-analysis", name: "Data Analysis" },
      { slug: "data-visualization", name: "Data Visualization" },
      { slug: "data-entry", name: "Data Entry" },
      { slug: "machine-learning", name: "Machine Learning" },
    ],
  },
  {
    slug: "photography",
    name: "Photography",
    description: "Product shots, retouching and photo editing.",
    children: [
      { slug: "product-photography", name: "Product Photography" },
      { slug: "photo-editing", name: "Photo Editing & Retouching" },
      { slug: "image-background-removal", name: "Background Removal" },
    ],
  },
];
