/**
 * The static rank of a gig ("quality"): what relevance blends with the text match, and the
 * popularity order the search walks. Computed when a document is written (SQL below, so one bulk
 * statement can rank a million gigs), stored as an integer 0..1,000,000.
 *
 *   bayes   = (priorMean × priorWeight + ratingSum) / (priorWeight + ratingCount)
 *   quality = rating × (bayes − 1) / 4 + orders × min(1, ln(1 + orders) / ln(1 + saturation)) + level × levelScore
 *
 * The Bayesian average pulls gigs with few reviews toward the prior, so one 5-star review does not
 * beat two hundred 4.9s; the log of completed orders rewards proven sellers without letting the top
 * seller take every slot. Changing these numbers needs a re-index (`rebuildSearchIndex`).
 */
export const RANKING = {
  ratingPriorMean: 4.5,
  ratingPriorWeight: 10,
  ordersSaturation: 2000,
  weights: { rating: 0.5, orders: 0.35, level: 0.15 },
  levelScore: { new: 0, level_1: 0.4, level_2: 0.7, top_rated: 1 },
  /** quality is stored as an integer: round(score × scale). */
  qualityScale: 1_000_000,
  /** rating_score (the Bayesian average, for the "rating" sort) is stored as round(bayes × scale). */
  ratingScale: 100_000,
} as const;

export type SellerLevel = keyof typeof RANKING.levelScore;

/** The Bayesian average rating. */
export function bayesianRating(ratingSum: number, ratingCount: number): number {
  return (
    (RANKING.ratingPriorMean * RANKING.ratingPriorWeight + ratingSum) /
    (RANKING.ratingPriorWeight + ratingCount)
  );
}

/** What the static rank is computed from (a gig's figures and its seller's level). */
export interface RankingInputs {
  ratingSum: number;
  ratingCount: number;
  ordersCompleted: number;
  level: SellerLevel;
}

/** One factor of the static rank: its input value and its share of the 0–1 score. */
export interface RankingFactorScore {
  name: "rating" | "orders" | "seller_level";
  /** The input: the Bayesian average rating, completed orders, or the level's score 0–1. */
  value: number;
  weight: number;
  /** weight × the factor normalised to 0–1; the contributions sum to the score. */
  contribution: number;
}

/**
 * The factors of the static rank, each with its contribution: the one place that says how a gig's
 * figures become its rank. `qualityScore` sums them; the visibility report shows them.
 */
export function rankingFactors(g: RankingInputs): RankingFactorScore[] {
  const w = RANKING.weights;
  const bayes = bayesianRating(g.ratingSum, g.ratingCount);
  const orders = Math.min(1, Math.log1p(g.ordersCompleted) / Math.log1p(RANKING.ordersSaturation));
  const level = RANKING.levelScore[g.level];
  return [
    { name: "rating", value: bayes, weight: w.rating, contribution: (w.rating * (bayes - 1)) / 4 },
    { name: "orders", value: g.ordersCompleted, weight: w.orders, contribution: w.orders * orders },
    { name: "seller_level", value: level, weight: w.level, contribution: w.level * level },
  ];
}

/** The static rank as stored (the SQL below computes the same number, tested). */
export function qualityScore(g: RankingInputs): number {
  const score = rankingFactors(g).reduce((sum, f) => sum + f.contribution, 0);
  return Math.round(score * RANKING.qualityScale);
}

/** SQL for the Bayesian average over columns `sum` and `count`. */
export function bayesianRatingSql(sum: string, count: string): string {
  return `((${RANKING.ratingPriorMean * RANKING.ratingPriorWeight} + ${sum})::float8 / (${RANKING.ratingPriorWeight} + ${count}))`;
}

/** SQL for `qualityScore` over the named columns. */
export function qualitySql(c: {
  ratingSum: string;
  ratingCount: string;
  orders: string;
  level: string;
}): string {
  const w = RANKING.weights;
  const l = RANKING.levelScore;
  const level = `(CASE ${c.level} WHEN 'top_rated' THEN ${l.top_rated} WHEN 'level_2' THEN ${l.level_2} WHEN 'level_1' THEN ${l.level_1} ELSE ${l.new} END)`;
  const orders = `least(1.0, ln(1 + ${c.orders}::float8) / ln(${1 + RANKING.ordersSaturation}))`;
  return `round(${RANKING.qualityScale} * (${w.rating} * (${bayesianRatingSql(c.ratingSum, c.ratingCount)} - 1) / 4 + ${w.orders} * ${orders} + ${w.level} * ${level}))::int`;
}

export function ratingScoreSql(sum: string, count: string): string {
  return `round(${RANKING.ratingScale} * ${bayesianRatingSql(sum, count)})::int`;
}
