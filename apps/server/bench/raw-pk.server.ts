/**
 * The page benchmark's yardstick: Fastify and node-postgres with nothing else, answering one gig row
 * read by primary key as JSON. `npm run bench:pages` starts it beside the real server.
 */
import Fastify from "fastify";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>("/gigs/:id", async (request, reply) => {
  const { rows } = await pool.query({
    name: "gig_by_id",
    text: "SELECT id, seller_id, slug, title, description, packages, starting_price, status FROM gigs WHERE id = $1",
    values: [request.params.id],
  });
  if (rows.length === 0) return reply.code(404).send({ error: "not found" });
  return rows[0];
});

await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.on("SIGTERM", () => {
  void app.close().then(() => pool.end());
});
