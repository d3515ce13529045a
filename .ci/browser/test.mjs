// Real-browser test of `klachtverslag web` (run by .ci/run after `cargo test`): Debian's
// Chromium, driven by playwright-core, goes through the whole flow as a klachtenfunctionaris
// would — open the printed address, choose the example register through the file input, see
// the problem table, download the PDF and check it, edit a text — and axe-core checks every
// page for WCAG 2.1 A/AA problems: no serious or critical violation may remain. Screenshots go
// to $SCREENSHOTS (default .ci/browser/screenshots).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const root = new URL("../../", import.meta.url).pathname;
const bin = process.env.KLACHTVERSLAG_BIN;
const shots = process.env.SCREENSHOTS || `${root}.ci/browser/screenshots`;
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(`${root}.ci/browser/node_modules/axe-core/axe.min.js`, "utf8");

const server = spawn(bin, ["web"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
  const rl = createInterface({ input: server.stdout });
  rl.on("line", (line) => {
    const m = line.match(/(http:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  setTimeout(() => reject(new Error("the server printed no address")), 20000);
});

let failures = 0;
let passed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FOUT"} ${what}`);
  if (ok) passed++; else failures++;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();

async function axe(name) {
  // Injected through the DevTools protocol, which the page's CSP rightly does not allow for scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) console.log(`     ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}×`);
  check(bad.length === 0, `${name}: axe-core, geen ernstige of kritieke overtredingen (${result.violations.length} in totaal)`);
}

try {
  // 1. The address the server printed: the token becomes a cookie.
  await page.goto(url);
  check((await page.title()).includes("Klachtverslag"), "de pagina opent met het toegangsteken");
  await page.screenshot({ path: `${shots}/1-register-kiezen.png`, fullPage: true });
  await axe("register kiezen");

  // Keyboard only: Tab reaches the skip link first, then the file input is reachable.
  await page.keyboard.press("Tab");
  check(await page.evaluate(() => document.activeElement.textContent.includes("Naar de inhoud")), "Tab: eerst de link naar de inhoud");
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.id === "register-bestand");
  }
  check(reached, "Tab: het bestandsveld is met het toetsenbord te bereiken");

  // 2. Choose the example register through the file input and send the form.
  await page.setInputFiles("#register-bestand", `${root}data/voorbeeld/klachtenregister.csv`);
  await page.setInputFiles("#config-bestand", `${root}data/voorbeeld/config.toml`);
  await Promise.all([page.waitForURL(/s=/), page.click("button[type=submit]")]);
  const summary = await page.textContent(".samenvatting");
  check(summary.includes("792 rijen") && summary.includes("0 fouten"), `controle: ${summary.trim()}`);
  check(await page.isVisible("#verslag-kop"), "de sectie Verslag staat er");
  await page.screenshot({ path: `${shots}/2-controle-en-verslag.png`, fullPage: true });
  await axe("controle en verslag");

  // 3. Download the PDF.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("a.knop[href$='/bestand/pdf']"),
  ]);
  const path = await download.path();
  const pdf = readFileSync(path);
  check(pdf.subarray(0, 5).toString() === "%PDF-" && pdf.length > 50000, `PDF gedownload (${download.suggestedFilename()}, ${pdf.length} bytes)`);

  // A register with problems shows the table.
  await page.goto(url.replace(/\?token=.*/, ""));
  await page.setInputFiles("#register-bestand", `${root}fixtures/fouten/register.csv`);
  await Promise.all([page.waitForURL(/s=/), page.click("button[type=submit]")]);
  const rows = await page.locator("table.problemen tbody tr").count();
  check(rows >= 5, `de tabel met problemen heeft ${rows} rijen`);
  check((await page.textContent("table.problemen")).includes("is geen geldige datum"), "een melding zegt wat er mis is");
  await page.screenshot({ path: `${shots}/3-problemen.png`, fullPage: true });
  await axe("problemen");

  // 4. Texts: edit the voorwoord and make the report again.
  await page.fill("#voorwoord", "Dit voorwoord is in de browser geschreven.");
  await Promise.all([page.waitForURL(/#verslag/), page.click("#teksten button[type=submit]")]);
  check((await page.inputValue("#voorwoord")).includes("in de browser geschreven"), "de tekst is bewaard en het verslag opnieuw gemaakt");
  await page.screenshot({ path: `${shots}/4-teksten.png`, fullPage: true });
  await axe("teksten");
} catch (e) {
  console.log(`FOUT ${e.stack || e}`);
  failures++;
} finally {
  await browser.close();
  server.kill();
}
console.log(`browser: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
