// Pages through every RED customer with the generated TypeScript scoring client (fetch; Node 18+ or a browser).
// Build first: ./mvnw -pl clients generate-sources, then copy or reference clients/target/typescript/scoring.
// Run: SENTINEL_API_KEY=sk-... npx tsx red-customers.ts [http://127.0.0.1:8082]
import { Configuration, CustomersApi } from "../../target/typescript/scoring";

async function main(): Promise<void> {
  const key = process.env.SENTINEL_API_KEY;
  if (!key) {
    console.error("set SENTINEL_API_KEY to a key with the read role");
    process.exit(2);
  }
  const customers = new CustomersApi(new Configuration({
    basePath: process.argv[2] ?? "http://127.0.0.1:8082",
    headers: { Authorization: `Bearer ${key}` },
  }));
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await customers.listCustomers({ tier: "RED", limit: 500, includeTotal: false, cursor });
    for (const c of page.items ?? []) {
      console.log(`${c.customerId}\t${c.riskScore}\t${c.stage}\t${c.annualValue ?? ""}`);
      count++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  console.log(`${count} RED customers`);
}

main().catch((e) => { console.error(e); process.exit(1); });
