/**
 * The words the corpus generator builds gigs from: per subcategory, what sellers offer, how they
 * describe it, the tags they pick, what a package includes, the tools they name and the going price.
 * Hand-written so generated gigs read like real listings and search sees realistic word frequencies:
 * a few words in most gigs ("professional", "design"), many words in few (tool and niche names).
 */
export interface SubcategoryVocabulary {
  /** Verbs that start a title after "I will". */
  verbs: string[];
  /** What is delivered, as it appears in titles. */
  objects: string[];
  adjectives: string[];
  /** Tags sellers choose from (lower case, 2–30 characters). */
  tags: string[];
  /** Package features. */
  features: string[];
  /** Tools, platforms or niches named in descriptions; the long tail of rare words. */
  tools: string[];
  /** Typical basic-package price in whole dollars: [low, median, high]. */
  price: [number, number, number];
  /** Typical basic-package delivery in days: [fastest, slowest]. */
  delivery: [number, number];
}

const DESIGN_ADJ = ["modern", "minimalist", "professional", "creative", "unique", "elegant", "bold", "vintage", "luxury", "playful", "clean", "eye-catching"];
const TECH_ADJ = ["fast", "responsive", "secure", "scalable", "professional", "custom", "modern", "reliable", "clean", "optimized"];
const MARKETING_ADJ = ["effective", "data-driven", "professional", "complete", "targeted", "monthly", "organic", "proven", "strategic"];
const WRITING_ADJ = ["engaging", "professional", "persuasive", "well-researched", "original", "compelling", "clear", "native", "accurate"];
const VIDEO_ADJ = ["professional", "cinematic", "engaging", "creative", "dynamic", "high quality", "short", "animated", "viral"];
const AUDIO_ADJ = ["professional", "warm", "radio-ready", "studio quality", "crisp", "natural", "catchy", "original", "broadcast"];
const BUSINESS_ADJ = ["professional", "detailed", "investor-ready", "reliable", "thorough", "practical", "strategic", "accurate"];
const DATA_ADJ = ["accurate", "interactive", "insightful", "professional", "automated", "clean", "fast", "detailed"];
const PHOTO_ADJ = ["professional", "high resolution", "natural", "clean", "stunning", "realistic", "studio", "fast"];

export const CORPUS_VOCABULARY: Record<string, SubcategoryVocabulary> = {
  "logo-design": {
    verbs: ["design", "create", "craft", "draw", "make"],
    objects: ["logo", "minimalist logo", "brand logo", "wordmark logo", "monogram logo", "badge logo", "mascot logo", "signature logo", "emblem logo", "lettermark"],
    adjectives: DESIGN_ADJ,
    tags: ["logo design", "minimalist logo", "brand identity", "logo", "vector logo", "business logo", "modern logo", "custom logo", "mascot logo", "signature logo"],
    features: ["Vector source file", "Transparent PNG", "High resolution files", "3 initial concepts", "Logo transparency", "Printable file", "Social media kit", "Stationery designs", "3D mockup"],
    tools: ["illustrator", "coreldraw", "inkscape", "affinity", "procreate", "figma"],
    price: [5, 40, 400],
    delivery: [1, 7],
  },
  "brand-style-guides": {
    verbs: ["design", "create", "build", "develop"],
    objects: ["brand style guide", "brand identity", "brand book", "visual identity", "brand guidelines", "complete branding kit"],
    adjectives: DESIGN_ADJ,
    tags: ["brand identity", "style guide", "brand guidelines", "branding", "brand book", "visual identity", "rebrand"],
    features: ["Color palette", "Typography guide", "Logo usage rules", "Brand voice", "Source files", "Mood board", "Iconography"],
    tools: ["illustrator", "indesign", "figma", "photoshop", "canva"],
    price: [30, 150, 1500],
    delivery: [3, 14],
  },
  illustration: {
    verbs: ["draw", "illustrate", "paint", "create", "sketch"],
    objects: ["illustration", "children's book illustration", "digital portrait", "character design", "cartoon portrait", "comic art", "fantasy art", "anime portrait", "watercolor illustration", "pet portrait"],
    adjectives: ["detailed", "cute", "colorful", "whimsical", "realistic", "hand-drawn", "stylized", "professional", "dreamy"],
    tags: ["illustration", "digital art", "character design", "children book", "cartoon", "portrait", "anime", "comic", "fantasy art", "drawing"],
    features: ["Commercial use", "High resolution", "Source file", "Full color", "Background", "Sketch revisions", "Additional character"],
    tools: ["procreate", "photoshop", "clip studio", "krita", "ipad", "watercolor", "gouache"],
    price: [10, 60, 600],
    delivery: [2, 14],
  },
  "packaging-design": {
    verbs: ["design", "create", "craft"],
    objects: ["product packaging", "label design", "box packaging", "bottle label", "pouch design", "candle label", "coffee bag design", "supplement label"],
    adjectives: DESIGN_ADJ,
    tags: ["packaging design", "label design", "product label", "box design", "packaging", "bottle label", "amazon packaging"],
    features: ["Print-ready file", "3D mockup", "Dieline", "Source file", "Barcode placement", "Nutrition facts"],
    tools: ["illustrator", "esko", "photoshop", "dimension", "blender"],
    price: [20, 80, 800],
    delivery: [2, 10],
  },
  "presentation-design": {
    verbs: ["design", "create", "redesign", "build"],
    objects: ["pitch deck", "powerpoint presentation", "investor deck", "keynote presentation", "google slides template", "sales deck", "webinar slides"],
    adjectives: DESIGN_ADJ,
    tags: ["pitch deck", "powerpoint", "presentation design", "investor deck", "keynote", "google slides", "slide design"],
    features: ["Slides included", "Custom infographics", "Editable template", "Icons and images", "Speaker notes", "Animations"],
    tools: ["powerpoint", "keynote", "google slides", "canva", "pitch", "prezi"],
    price: [10, 50, 500],
    delivery: [1, 7],
  },
  "social-media-design": {
    verbs: ["design", "create", "make"],
    objects: ["instagram posts", "social media posts", "facebook ads design", "youtube thumbnail", "pinterest pins", "linkedin banner", "twitch overlay", "carousel posts"],
    adjectives: DESIGN_ADJ,
    tags: ["social media design", "instagram post", "youtube thumbnail", "facebook ad", "social media", "banner design", "canva template"],
    features: ["Posts included", "Source file", "Editable canva template", "Story versions", "Commercial use"],
    tools: ["canva", "photoshop", "figma", "illustrator", "instagram", "tiktok"],
    price: [5, 25, 250],
    delivery: [1, 5],
  },
  "website-development": {
    verbs: ["build", "develop", "create", "code", "design and develop"],
    objects: ["website", "landing page", "business website", "ecommerce website", "web app", "portfolio website", "saas dashboard", "booking website", "responsive website"],
    adjectives: TECH_ADJ,
    tags: ["website development", "web development", "landing page", "ecommerce website", "react", "website design", "full stack", "web app", "nextjs", "frontend"],
    features: ["Pages", "Responsive design", "Content upload", "Contact form", "Payment integration", "Speed optimization", "Source code", "Hosting setup"],
    tools: ["react", "nextjs", "vue", "angular", "svelte", "laravel", "django", "node.js", "typescript", "tailwind", "webflow", "shopify", "wix", "squarespace", "postgresql", "stripe"],
    price: [30, 200, 3000],
    delivery: [2, 21],
  },
  "mobile-apps": {
    verbs: ["develop", "build", "create", "design"],
    objects: ["mobile app", "ios app", "android app", "flutter app", "react native app", "app prototype", "delivery app", "fitness app"],
    adjectives: TECH_ADJ,
    tags: ["mobile app", "ios app", "android app", "flutter", "react native", "app development", "swift", "kotlin"],
    features: ["App icon", "Source code", "Screens", "App store submission", "Backend integration", "Push notifications"],
    tools: ["flutter", "swift", "kotlin", "react native", "firebase", "xcode", "expo", "supabase"],
    price: [50, 400, 5000],
    delivery: [5, 30],
  },
  wordpress: {
    verbs: ["build", "fix", "customize", "create", "speed up"],
    objects: ["wordpress website", "woocommerce store", "elementor website", "wordpress blog", "wordpress theme", "wordpress plugin", "divi website"],
    adjectives: TECH_ADJ,
    tags: ["wordpress", "wordpress website", "woocommerce", "elementor", "wordpress design", "divi", "wordpress developer"],
    features: ["Pages", "Theme installation", "Plugins setup", "Responsive design", "Speed optimization", "Content upload", "Security setup"],
    tools: ["elementor", "divi", "woocommerce", "yoast", "acf", "gutenberg", "astra", "cpanel"],
    price: [15, 100, 1500],
    delivery: [1, 14],
  },
  "ai-development": {
    verbs: ["build", "develop", "create", "integrate", "fine-tune"],
    objects: ["ai chatbot", "chatgpt integration", "ai agent", "custom gpt", "rag pipeline", "ai automation", "llm app", "voice assistant"],
    adjectives: TECH_ADJ,
    tags: ["ai chatbot", "chatgpt", "openai", "ai development", "llm", "ai agent", "python", "automation", "langchain"],
    features: ["Source code", "API integration", "Deployment", "Prompt design", "Documentation", "Knowledge base"],
    tools: ["openai", "langchain", "python", "llamaindex", "pinecone", "huggingface", "pytorch", "n8n", "zapier"],
    price: [40, 250, 4000],
    delivery: [2, 21],
  },
  "bug-fixes": {
    verbs: ["fix", "debug", "resolve", "solve"],
    objects: ["website bugs", "javascript errors", "php errors", "css issues", "python bugs", "react bugs", "server errors", "database issues"],
    adjectives: ["fast", "quick", "expert", "reliable", "professional", "same day", "careful"],
    tags: ["bug fix", "website fix", "javascript", "php", "css", "debugging", "python", "html"],
    features: ["Bugs fixed", "Root cause report", "Testing", "Source code", "Support after delivery"],
    tools: ["javascript", "php", "python", "css", "html", "jquery", "mysql", "nginx", "docker"],
    price: [5, 40, 400],
    delivery: [1, 5],
  },
  databases: {
    verbs: ["design", "optimize", "migrate", "tune", "set up"],
    objects: ["database", "sql queries", "postgresql database", "mysql database", "database schema", "mongodb database", "data warehouse"],
    adjectives: TECH_ADJ,
    tags: ["database", "sql", "postgresql", "mysql", "mongodb", "database design", "query optimization"],
    features: ["Schema design", "Query tuning", "Indexes", "Migration scripts", "Backup setup", "Documentation"],
    tools: ["postgresql", "mysql", "mongodb", "redis", "sqlite", "snowflake", "bigquery", "oracle", "elasticsearch"],
    price: [20, 120, 2000],
    delivery: [1, 14],
  },
  seo: {
    verbs: ["do", "provide", "perform", "boost", "improve"],
    objects: ["seo audit", "on page seo", "technical seo", "keyword research", "local seo", "backlinks", "shopify seo", "seo strategy"],
    adjectives: MARKETING_ADJ,
    tags: ["seo", "on page seo", "keyword research", "technical seo", "local seo", "backlinks", "google ranking", "seo audit"],
    features: ["Keyword research", "Audit report", "Meta tags", "Competitor analysis", "Schema markup", "Monthly report"],
    tools: ["ahrefs", "semrush", "moz", "screaming frog", "google search console", "yoast", "rank math"],
    price: [10, 80, 1000],
    delivery: [2, 14],
  },
  "social-media-marketing": {
    verbs: ["manage", "grow", "run", "plan"],
    objects: ["social media marketing", "instagram marketing", "tiktok marketing", "content calendar", "social media strategy", "linkedin marketing", "community management"],
    adjectives: MARKETING_ADJ,
    tags: ["social media marketing", "instagram marketing", "social media manager", "tiktok", "content calendar", "facebook marketing"],
    features: ["Posts per week", "Content calendar", "Hashtag research", "Monthly report", "Engagement"],
    tools: ["instagram", "tiktok", "linkedin", "facebook", "pinterest", "hootsuite", "buffer", "later"],
    price: [15, 100, 1000],
    delivery: [3, 30],
  },
  "email-marketing": {
    verbs: ["set up", "write", "design", "automate"],
    objects: ["email marketing campaign", "klaviyo flows", "mailchimp newsletter", "email sequence", "email template", "cold email campaign"],
    adjectives: MARKETING_ADJ,
    tags: ["email marketing", "klaviyo", "mailchimp", "newsletter", "email automation", "email template", "cold email"],
    features: ["Emails included", "Automation flows", "Template design", "List segmentation", "A/B testing"],
    tools: ["klaviyo", "mailchimp", "convertkit", "activecampaign", "hubspot", "brevo", "beehiiv"],
    price: [15, 90, 1200],
    delivery: [2, 14],
  },
  "paid-ads": {
    verbs: ["set up", "manage", "optimize", "launch"],
    objects: ["google ads campaign", "facebook ads campaign", "meta ads", "tiktok ads", "ppc campaign", "amazon ppc", "linkedin ads"],
    adjectives: MARKETING_ADJ,
    tags: ["google ads", "facebook ads", "ppc", "meta ads", "paid advertising", "tiktok ads", "amazon ppc"],
    features: ["Campaign setup", "Ad copy", "Audience research", "Conversion tracking", "Weekly report"],
    tools: ["google ads", "meta", "tiktok", "amazon", "bing", "google analytics", "gtm"],
    price: [25, 150, 2000],
    delivery: [2, 14],
  },
  "content-marketing": {
    verbs: ["create", "plan", "write", "build"],
    objects: ["content strategy", "content marketing plan", "blog content calendar", "lead magnet", "case study", "whitepaper"],
    adjectives: MARKETING_ADJ,
    tags: ["content marketing", "content strategy", "lead magnet", "content plan", "whitepaper", "case study"],
    features: ["Strategy document", "Content calendar", "Topic research", "Distribution plan"],
    tools: ["notion", "hubspot", "semrush", "buzzsumo", "medium", "substack"],
    price: [20, 120, 1500],
    delivery: [3, 14],
  },
  "articles-blog-posts": {
    verbs: ["write", "create", "draft"],
    objects: ["seo blog post", "article", "blog posts", "long form article", "tech article", "travel blog post", "health article", "finance article"],
    adjectives: WRITING_ADJ,
    tags: ["blog post", "article writing", "seo writing", "content writing", "blog writing", "copywriting", "ghostwriting"],
    features: ["Words", "Topic research", "SEO keywords", "References", "Plagiarism check", "Images"],
    tools: ["wordpress", "grammarly", "surfer", "medium", "google docs", "hemingway"],
    price: [10, 50, 500],
    delivery: [1, 7],
  },
  copywriting: {
    verbs: ["write", "craft", "create"],
    objects: ["website copy", "sales page copy", "landing page copy", "product descriptions", "ad copy", "email copy", "brand story"],
    adjectives: WRITING_ADJ,
    tags: ["copywriting", "website copy", "sales copy", "landing page", "product description", "ad copy", "brand voice"],
    features: ["Words", "Headline options", "Research", "Revisions", "SEO keywords"],
    tools: ["shopify", "amazon", "webflow", "google docs", "notion"],
    price: [15, 80, 1000],
    delivery: [1, 7],
  },
  translation: {
    verbs: ["translate", "localize", "proofread"],
    objects: ["english to spanish translation", "french translation", "german translation", "japanese translation", "website translation", "document translation", "app localization", "legal translation"],
    adjectives: ["accurate", "native", "human", "professional", "certified", "fast", "fluent"],
    tags: ["translation", "spanish translation", "french", "german", "localization", "translator", "english to spanish", "japanese"],
    features: ["Words translated", "Proofreading", "Native speaker", "Formatting kept", "Glossary"],
    tools: ["trados", "memoq", "smartcat", "deepl", "crowdin", "lokalise"],
    price: [5, 30, 400],
    delivery: [1, 7],
  },
  "proofreading-editing": {
    verbs: ["proofread", "edit", "polish", "review"],
    objects: ["book manuscript", "academic paper", "blog post", "novel", "business document", "thesis", "website content"],
    adjectives: ["careful", "professional", "thorough", "detailed", "native", "fast", "precise"],
    tags: ["proofreading", "editing", "copy editing", "book editing", "grammar", "line editing", "manuscript"],
    features: ["Words edited", "Track changes", "Grammar check", "Style suggestions", "Formatting"],
    tools: ["grammarly", "word", "google docs", "chicago manual", "apa style", "prowritingaid"],
    price: [5, 35, 500],
    delivery: [1, 10],
  },
  "resume-writing": {
    verbs: ["write", "rewrite", "design", "optimize"],
    objects: ["resume", "cover letter", "linkedin profile", "cv", "executive resume", "ats resume", "federal resume"],
    adjectives: ["professional", "ats-friendly", "modern", "compelling", "executive", "targeted"],
    tags: ["resume writing", "cover letter", "linkedin profile", "cv writing", "ats resume", "career coaching"],
    features: ["Resume", "Cover letter", "LinkedIn profile", "Editable file", "ATS check"],
    tools: ["linkedin", "word", "canva", "google docs", "indeed"],
    price: [10, 60, 500],
    delivery: [1, 7],
  },
  "video-editing": {
    verbs: ["edit", "cut", "produce", "create"],
    objects: ["youtube video", "video editing", "podcast video", "wedding video", "travel vlog", "gaming montage", "real estate video", "documentary"],
    adjectives: VIDEO_ADJ,
    tags: ["video editing", "youtube video", "video editor", "vlog", "premiere pro", "color grading", "montage"],
    features: ["Minutes of footage", "Color grading", "Sound design", "Subtitles", "Motion titles", "Stock footage"],
    tools: ["premiere pro", "final cut", "davinci resolve", "after effects", "capcut", "audition"],
    price: [10, 60, 800],
    delivery: [1, 10],
  },
  "animated-explainers": {
    verbs: ["create", "animate", "produce", "make"],
    objects: ["explainer video", "2d animation", "whiteboard animation", "animated explainer", "saas explainer video", "character animation"],
    adjectives: VIDEO_ADJ,
    tags: ["explainer video", "2d animation", "whiteboard animation", "animation", "animated video", "motion design"],
    features: ["Seconds of animation", "Script writing", "Voice over", "Background music", "Storyboard"],
    tools: ["after effects", "vyond", "toonly", "moho", "toon boom", "blender"],
    price: [30, 200, 3000],
    delivery: [3, 21],
  },
  "motion-graphics": {
    verbs: ["create", "animate", "design"],
    objects: ["logo animation", "intro animation", "motion graphics", "lower thirds", "animated infographic", "kinetic typography", "3d animation"],
    adjectives: VIDEO_ADJ,
    tags: ["logo animation", "motion graphics", "intro", "3d animation", "after effects", "animation", "logo reveal"],
    features: ["Seconds of animation", "Sound effects", "4K render", "Source file", "Background music"],
    tools: ["after effects", "cinema 4d", "blender", "element 3d", "houdini", "lottie"],
    price: [15, 80, 1200],
    delivery: [1, 10],
  },
  "subtitles-captions": {
    verbs: ["add", "create", "transcribe", "write"],
    objects: ["subtitles", "captions", "srt file", "burned-in captions", "animated captions", "transcription"],
    adjectives: ["accurate", "professional", "fast", "styled", "multilingual"],
    tags: ["subtitles", "captions", "transcription", "srt", "closed captions", "animated captions"],
    features: ["Minutes transcribed", "SRT file", "Burned-in captions", "Translation", "Speaker labels"],
    tools: ["aegisub", "subtitle edit", "premiere pro", "capcut", "descript"],
    price: [5, 20, 200],
    delivery: [1, 5],
  },
  "short-video-ads": {
    verbs: ["create", "edit", "produce", "make"],
    objects: ["tiktok ads", "ugc video", "instagram reels", "youtube shorts", "product video ad", "facebook video ad"],
    adjectives: VIDEO_ADJ,
    tags: ["video ads", "ugc", "tiktok", "reels", "short video", "product video", "facebook video ad"],
    features: ["Videos included", "Hook variations", "Captions", "Music", "Vertical format"],
    tools: ["capcut", "premiere pro", "tiktok", "instagram", "canva", "after effects"],
    price: [15, 70, 800],
    delivery: [1, 10],
  },
  "voice-over": {
    verbs: ["record", "voice", "narrate", "deliver"],
    objects: ["voice over", "british voice over", "american male voice over", "female voice over", "audiobook narration", "commercial voice over", "character voice", "ivr message"],
    adjectives: AUDIO_ADJ,
    tags: ["voice over", "voiceover", "narration", "audiobook", "male voice", "female voice", "british accent", "commercial"],
    features: ["Words recorded", "Broadcast quality", "Background music", "Script editing", "Commercial rights"],
    tools: ["neumann", "audition", "pro tools", "source connect", "reaper"],
    price: [5, 50, 500],
    delivery: [1, 5],
  },
  "mixing-mastering": {
    verbs: ["mix", "master", "mix and master", "polish"],
    objects: ["your song", "hip hop track", "rock song", "edm track", "podcast audio", "album", "vocals", "beat"],
    adjectives: AUDIO_ADJ,
    tags: ["mixing", "mastering", "mix and master", "audio engineer", "vocal mixing", "hip hop", "edm"],
    features: ["Songs", "Stems", "Vocal tuning", "Revisions", "WAV and MP3"],
    tools: ["pro tools", "logic pro", "ableton", "fl studio", "waves", "izotope", "ozone", "melodyne"],
    price: [10, 60, 800],
    delivery: [1, 10],
  },
  "podcast-editing": {
    verbs: ["edit", "produce", "clean up", "launch"],
    objects: ["podcast", "podcast episode", "podcast audio", "video podcast", "podcast intro", "interview podcast"],
    adjectives: AUDIO_ADJ,
    tags: ["podcast editing", "podcast", "audio editing", "podcast production", "noise removal", "show notes"],
    features: ["Minutes edited", "Noise removal", "Intro and outro", "Show notes", "Loudness leveling"],
    tools: ["audition", "descript", "riverside", "izotope rx", "reaper", "spotify"],
    price: [10, 45, 500],
    delivery: [1, 7],
  },
  "jingles-intros": {
    verbs: ["compose", "produce", "create", "write"],
    objects: ["jingle", "podcast intro music", "radio jingle", "youtube intro", "sonic logo", "commercial jingle"],
    adjectives: AUDIO_ADJ,
    tags: ["jingle", "intro music", "radio jingle", "sonic logo", "podcast intro", "audio logo"],
    features: ["Seconds of music", "Voice", "Commercial rights", "Stems", "Variations"],
    tools: ["logic pro", "ableton", "cubase", "kontakt", "fl studio"],
    price: [20, 90, 1000],
    delivery: [2, 10],
  },
  "music-production": {
    verbs: ["produce", "compose", "make", "create"],
    objects: ["beat", "custom beat", "original song", "film score", "lofi beat", "trap beat", "orchestral music", "game soundtrack"],
    adjectives: AUDIO_ADJ,
    tags: ["music production", "beat", "music producer", "film score", "lofi", "trap beat", "composer"],
    features: ["Minutes of music", "Stems", "Mixing", "Commercial rights", "Revisions"],
    tools: ["fl studio", "ableton", "logic pro", "cubase", "kontakt", "serum", "spitfire"],
    price: [20, 100, 2000],
    delivery: [2, 14],
  },
  "business-plans": {
    verbs: ["write", "create", "prepare", "develop"],
    objects: ["business plan", "investor business plan", "startup business plan", "financial projections", "pitch deck content", "grant proposal"],
    adjectives: BUSINESS_ADJ,
    tags: ["business plan", "startup", "financial projections", "investor", "pitch deck", "grant writing"],
    features: ["Pages", "Financial model", "Market analysis", "Executive summary", "Editable file"],
    tools: ["excel", "google sheets", "livePlan", "word", "canva"],
    price: [30, 200, 2500],
    delivery: [3, 21],
  },
  "virtual-assistant": {
    verbs: ["be your", "provide", "handle", "manage"],
    objects: ["virtual assistant", "data entry assistant", "executive assistant", "email management", "calendar management", "customer support", "online research"],
    adjectives: ["reliable", "organized", "professional", "fast", "detail-oriented", "friendly"],
    tags: ["virtual assistant", "admin support", "data entry", "email management", "research", "customer service"],
    features: ["Hours", "Daily report", "Email handling", "Scheduling", "Research"],
    tools: ["google workspace", "notion", "trello", "asana", "slack", "excel", "hubspot"],
    price: [5, 30, 400],
    delivery: [1, 7],
  },
  "market-research": {
    verbs: ["do", "conduct", "provide", "prepare"],
    objects: ["market research", "competitor analysis", "industry report", "customer survey", "swot analysis", "market sizing"],
    adjectives: BUSINESS_ADJ,
    tags: ["market research", "competitor analysis", "industry analysis", "survey", "swot", "research"],
    features: ["Report pages", "Data sources", "Charts", "Executive summary", "Raw data"],
    tools: ["statista", "surveymonkey", "typeform", "excel", "google trends", "similarweb"],
    price: [20, 100, 1500],
    delivery: [2, 14],
  },
  "financial-consulting": {
    verbs: ["build", "create", "prepare", "review"],
    objects: ["financial model", "bookkeeping", "cash flow forecast", "valuation", "quickbooks cleanup", "tax preparation", "budget plan"],
    adjectives: BUSINESS_ADJ,
    tags: ["financial model", "bookkeeping", "quickbooks", "accounting", "valuation", "cash flow", "excel"],
    features: ["Model tabs", "Assumptions sheet", "Scenarios", "Dashboard", "Call included"],
    tools: ["excel", "quickbooks", "xero", "google sheets", "power bi", "netsuite"],
    price: [25, 150, 2000],
    delivery: [2, 14],
  },
  "legal-consulting": {
    verbs: ["draft", "review", "write", "prepare"],
    objects: ["contract", "terms and conditions", "privacy policy", "nda", "legal document", "gdpr compliance review", "trademark application"],
    adjectives: ["professional", "thorough", "clear", "reliable", "compliant", "detailed"],
    tags: ["contract", "legal", "privacy policy", "terms and conditions", "gdpr", "nda", "trademark"],
    features: ["Document pages", "Review notes", "Revisions", "Consultation call"],
    tools: ["gdpr", "ccpa", "docusign", "word", "uspto"],
    price: [30, 150, 2000],
    delivery: [1, 10],
  },
  "data-analysis": {
    verbs: ["do", "perform", "provide", "analyze"],
    objects: ["data analysis", "statistical analysis", "excel analysis", "python data analysis", "survey analysis", "sales analysis", "spss analysis"],
    adjectives: DATA_ADJ,
    tags: ["data analysis", "excel", "python", "statistics", "spss", "sql", "data analyst"],
    features: ["Report", "Charts", "Source code", "Cleaned dataset", "Insights summary"],
    tools: ["python", "pandas", "excel", "spss", "r", "stata", "sql", "jupyter"],
    price: [15, 80, 1000],
    delivery: [1, 10],
  },
  "data-visualization": {
    verbs: ["create", "build", "design", "develop"],
    objects: ["power bi dashboard", "tableau dashboard", "interactive dashboard", "excel dashboard", "looker studio report", "kpi dashboard"],
    adjectives: DATA_ADJ,
    tags: ["power bi", "tableau", "dashboard", "data visualization", "looker studio", "excel dashboard", "kpi"],
    features: ["Dashboard pages", "Data connection", "Interactive filters", "Source file", "Refresh setup"],
    tools: ["power bi", "tableau", "looker studio", "excel", "d3", "metabase", "grafana"],
    price: [20, 120, 1500],
    delivery: [2, 14],
  },
  "data-entry": {
    verbs: ["do", "handle", "complete", "provide"],
    objects: ["data entry", "copy paste work", "excel data entry", "web research", "product listing", "data cleaning", "pdf to excel conversion"],
    adjectives: ["accurate", "fast", "reliable", "careful", "professional"],
    tags: ["data entry", "excel", "copy paste", "web research", "data cleaning", "typing", "product upload"],
    features: ["Entries", "Double check", "Excel file", "Fast turnaround"],
    tools: ["excel", "google sheets", "shopify", "amazon", "airtable", "word"],
    price: [5, 15, 200],
    delivery: [1, 5],
  },
  "machine-learning": {
    verbs: ["build", "train", "develop", "deploy"],
    objects: ["machine learning model", "computer vision model", "nlp model", "recommendation system", "forecasting model", "image classifier", "deep learning model"],
    adjectives: TECH_ADJ,
    tags: ["machine learning", "deep learning", "python", "computer vision", "nlp", "tensorflow", "pytorch", "forecasting"],
    features: ["Trained model", "Source code", "Evaluation report", "Deployment", "Documentation"],
    tools: ["pytorch", "tensorflow", "scikit-learn", "keras", "xgboost", "opencv", "yolo", "huggingface"],
    price: [40, 250, 4000],
    delivery: [3, 21],
  },
  "product-photography": {
    verbs: ["shoot", "photograph", "take", "create"],
    objects: ["product photos", "amazon product photography", "lifestyle photos", "jewelry photography", "food photography", "white background photos", "flat lay photos"],
    adjectives: PHOTO_ADJ,
    tags: ["product photography", "amazon photos", "product photo", "lifestyle photography", "food photography", "white background"],
    features: ["Photos", "Retouching", "White background", "Lifestyle scene", "High resolution"],
    tools: ["canon", "nikon", "sony", "lightroom", "photoshop", "capture one"],
    price: [15, 80, 800],
    delivery: [2, 10],
  },
  "photo-editing": {
    verbs: ["edit", "retouch", "enhance", "restore"],
    objects: ["photos", "portrait retouching", "photo restoration", "wedding photos", "real estate photos", "headshot retouching", "photo manipulation"],
    adjectives: PHOTO_ADJ,
    tags: ["photo editing", "photoshop", "retouching", "photo restoration", "photo manipulation", "lightroom"],
    features: ["Images edited", "Skin retouching", "Color correction", "High resolution", "Source file"],
    tools: ["photoshop", "lightroom", "capture one", "luminar", "affinity photo"],
    price: [5, 20, 300],
    delivery: [1, 5],
  },
  "image-background-removal": {
    verbs: ["remove", "cut out", "replace", "clean"],
    objects: ["background", "image background", "product background", "white background", "transparent background"],
    adjectives: ["fast", "clean", "precise", "professional", "bulk"],
    tags: ["background removal", "remove background", "transparent background", "white background", "photoshop", "clipping path"],
    features: ["Images", "Clipping path", "Transparent PNG", "Shadow", "Bulk discount"],
    tools: ["photoshop", "clipping path", "pen tool", "remove.bg", "gimp"],
    price: [5, 10, 100],
    delivery: [1, 3],
  },
};

/** Words of descriptions shared by every category: the head of the word-frequency curve. */
export const DESCRIPTION_OPENERS = [
  "Hi, I'm {name}, a {adj} {field} specialist with {years} years of experience.",
  "Welcome! I am {name} and I help businesses with {field} every day.",
  "Looking for {adj} {field}? You are in the right place.",
  "Hello, my name is {name}. I have completed hundreds of {field} projects for clients worldwide.",
  "Are you tired of low quality {field}? I deliver professional work on time, every time.",
  "I am a full-time freelancer focused on {field} for startups and small businesses.",
];

export const DESCRIPTION_MIDDLES = [
  "In this gig I will {verb} {article} {adj} {object} tailored to your brand and your audience.",
  "You get {feature} and {feature2}, with unlimited communication until you are happy.",
  "I work with {tool} and {tool2}, and I follow the best practices of the industry.",
  "Every order includes a short discovery call so I understand your goals before I start.",
  "My process: research, first draft, your feedback, revisions and the final delivery.",
  "I have worked with clients in {industry}, {industry2} and many other industries.",
  "Fast delivery, clear communication and high quality results are my priorities.",
  "I pay attention to every detail and deliver files ready to use.",
  "Your satisfaction is guaranteed: I revise the work until it matches what you need.",
  "Need something urgent? Ask about express delivery.",
  "I can also help with {extra} if your project needs it.",
];

export const DESCRIPTION_CLOSERS = [
  "Please message me before ordering so we can discuss your project.",
  "Order now and let's create something great together!",
  "Feel free to contact me with any questions.",
  "Thank you for visiting my gig, I look forward to working with you.",
  "Check my portfolio and reviews, then send me a message.",
];

/** Niche industries named in descriptions: mid-frequency words. */
export const INDUSTRIES = [
  "real estate", "fitness", "restaurants", "fashion", "beauty", "healthcare", "education", "ecommerce", "saas", "crypto",
  "finance", "travel", "gaming", "nonprofit", "automotive", "construction", "dental clinics", "law firms", "coffee shops",
  "bakeries", "yoga studios", "pet care", "wedding planning", "photography studios", "breweries", "wineries", "hotels",
  "interior design", "architecture", "agriculture", "logistics", "insurance", "biotech", "pharmacy", "dropshipping",
  "podcasting", "esports", "skincare", "jewelry", "furniture", "solar energy", "plumbing", "landscaping", "cybersecurity",
];

/** Services mentioned in passing ("I can also help with …"). */
export const EXTRAS = [
  "copywriting", "social media graphics", "website updates", "seo basics", "email templates", "print materials",
  "presentation slides", "product photos", "video thumbnails", "brand strategy", "analytics setup", "translation",
];

export const FIRST_NAMES = [
  "maya", "tomasz", "amara", "lucia", "kenji", "priya", "jonas", "sofia", "liam", "olivia", "noah", "emma", "ahmed",
  "fatima", "carlos", "ana", "mateo", "valentina", "ivan", "elena", "yuki", "haruto", "min", "ji-woo", "arjun",
  "ananya", "chen", "mei", "omar", "leila", "david", "sarah", "daniel", "grace", "samuel", "zoe", "lucas", "chloe",
  "mohammed", "aisha", "pedro", "camila", "nikolai", "irina", "kwame", "ama", "tariq", "nadia", "felix", "clara",
  "hugo", "alice", "diego", "marta", "rafael", "julia", "victor", "ines", "tobias", "freya", "oskar", "ingrid",
  "emeka", "chioma", "raj", "kavya", "hamza", "zainab", "marco", "giulia", "pablo", "lucia", "sven", "astrid",
];

export const LAST_NAMES = [
  "lindqvist", "wojcik", "okafor", "fernandez", "watanabe", "raman", "becker", "rossi", "smith", "johnson", "garcia",
  "martinez", "nguyen", "kim", "patel", "sharma", "khan", "ali", "silva", "santos", "kowalski", "novak", "ivanova",
  "petrov", "tanaka", "sato", "wang", "li", "zhang", "chen", "mensah", "owusu", "adeyemi", "haddad", "nasser", "cohen",
  "levi", "muller", "schmidt", "dubois", "moreau", "bianchi", "romano", "jensen", "hansen", "nielsen", "larsen",
  "eriksson", "andersson", "obi", "eze", "reyes", "cruz", "morales", "ortiz", "costa", "pereira", "yilmaz", "demir",
  "kaya", "farouk", "mahmoud", "singh", "gupta", "iyer", "reddy", "das", "bose", "murphy", "kelly", "byrne",
];

export const COUNTRIES = [
  "US", "GB", "IN", "PK", "NG", "DE", "FR", "ES", "IT", "PL", "UA", "BR", "AR", "MX", "PH", "ID", "VN", "BD", "EG",
  "KE", "GH", "CA", "AU", "NL", "SE", "JP", "KR", "TR", "RO", "PT",
];

export const LANGUAGES = [
  "English", "Spanish", "French", "German", "Portuguese", "Hindi", "Urdu", "Arabic", "Polish", "Italian", "Japanese",
  "Korean", "Turkish", "Romanian", "Dutch", "Swedish", "Ukrainian", "Bengali", "Tagalog", "Indonesian",
];
