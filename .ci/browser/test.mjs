// Real-browser test of `klachtverslag web` (run by .ci/run after `cargo test`): Debian's
// Chromium, driven by playwright-core, walks every flow of the page as a klachtenfunctionaris
// would, by keyboard where it matters (issue 22):
//  1. a register with a renamed required column and unknown values, uploaded without a
//     config: the column and the values are mapped on the page and the check re-runs;
//  2. every Verantwoording text the report misses is followed from its link to its box,
//     filled, until nothing "ontbreekt" on the page or in the PDF;
//  3. a placeholder typo: the error at its box, the text kept, the report kept, also after a reload;
//  4. a file that is no image as the logo: a Dutch message at the field, the report made;
//  5. the config downloaded and uploaded again with the same register: every choice is back;
//  6. the empty register (start page and step 4) is an XLSX with its sheet;
//  7. a batch per unit: after the page reloads itself, the focus is on the ZIP link;
//  8. a 390 px phone: no horizontal scroll of the document;
//  9. axe-core on every state (also the error pages): no violation of any impact;
// 10. a form posted from another port of 127.0.0.1 is refused (403);
// 11. step 4 sent untouched leaves every uploaded config byte for byte as it was;
// 12. last year's plans taken over as this year's goals, a result filled in (issue 26).
// Screenshots go to $SCREENSHOTS (default .ci/browser/screenshots). The PDF text is read with
// pdftotext (poppler-utils). Prints ok/FOUT per check, exits 1 on any FOUT.
import { spawn, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { createServer } from "node:http";
import { readFileSync, mkdirSync, rmSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";

const root = new URL("../../", import.meta.url).pathname;
const bin = process.env.KLACHTVERSLAG_BIN;
const shots = process.env.SCREENSHOTS || `${root}.ci/browser/screenshots`;
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(`${root}.ci/browser/node_modules/axe-core/axe.min.js`, "utf8");
const koppelen = `${root}fixtures/pagina-koppelen/register.csv`;

const server = spawn(bin, ["web"], { stdio: ["ignore", "pipe", "inherit"] });
process.on("exit", () => server.kill());
const url = await new Promise((resolve, reject) => {
  const rl = createInterface({ input: server.stdout });
  rl.on("line", (line) => {
    const m = line.match(/(http:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  setTimeout(() => reject(new Error("the server printed no address")), 20000);
});
const origin = new URL(url).origin;

let failures = 0;
let passed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FOUT"} ${what}`);
  if (ok) passed++; else failures++;
  return ok;
};

// Each flow on its own: an exception is a FOUT, and the next flow still runs.
async function stap(naam, fn) {
  console.log(`-- ${naam}`);
  try {
    await fn();
  } catch (e) {
    check(false, `${naam}: ${e.stack || e}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
context.setDefaultTimeout(20000);
const page = await context.newPage();

// What the user sees at that moment (the window), or with heel the whole page.
let shot = 0;
async function screenshot(p, naam, heel = false) {
  shot++;
  const file = `${shots}/${String(shot).padStart(2, "0")}-${naam}.png`;
  await p.screenshot({ path: file, fullPage: heel });
}

// After a change the page goes to its message (#melding-controle or #melding-teksten), which
// has the focus and says what happened: its text, and the fields it links to.
async function melding(p, sectie) {
  const id = `melding-${sectie}`;
  check(p.url().endsWith(`#${id}`), `de pagina gaat naar de melding van ${sectie} (${p.url().replace(/.*\//, "/")})`);
  check(await actief(p) === id && await inBeeld(p, `#${id}`), `de melding is in beeld en heeft de focus (${await actief(p)})`);
  const tekst = (await p.locator(`#${id}`).innerText()).replace(/\s+/g, " ");
  console.log(`     melding: ${tekst}`);
  return { tekst, velden: await p.$$eval(`#${id} a[href^='#']`, (as) => as.map((a) => a.getAttribute("href").slice(1))) };
}

// A link within the page followed by keyboard: its target in view, the focus on its field.
async function volgLink(p, link, veld, wat) {
  await p.focus(link);
  await p.keyboard.press("Enter");
  const doel = (await p.getAttribute(link, "href")).slice(1);
  await p.waitForFunction((d) => window.location.hash === `#${d}`, doel);
  const focus = await actief(p);
  return check(focus === veld && await inBeeld(p, `#${doel}`) && await inBeeld(p, `#${veld}`),
    `${wat}: #${doel} is in beeld en ${veld} heeft de focus (${focus})`);
}

// axe-core, every impact, WCAG 2.1 A/AA and axe's best practices.
async function axe(p, naam) {
  // Injected through the DevTools protocol, which the page's CSP rightly does not allow for scripts.
  await p.evaluate(axeSource);
  const result = await p.evaluate(async () =>
    await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }));
  for (const v of result.violations) {
    console.log(`     ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }
  check(result.violations.length === 0, `${naam}: axe-core, geen overtredingen (${result.passes.length} regels doorstaan)`);
}

// A form sent by keyboard: the focus on its button, Enter, and the page the server sends back.
async function verstuur(p, knop) {
  await p.focus(knop);
  await Promise.all([p.waitForNavigation({ waitUntil: "load" }), p.keyboard.press("Enter")]);
}

// A download link followed by keyboard: its name and bytes.
async function download(p, link) {
  await p.focus(link);
  const [d] = await Promise.all([p.waitForEvent("download"), p.keyboard.press("Enter")]);
  return { naam: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

// The text of the session's PDF (what the page's download link gives), whitespace folded.
async function pdfTekst(p, sessie) {
  const r = await p.request.get(`${origin}/s/${sessie}/bestand/pdf`);
  const bytes = await r.body();
  const tekst = execFileSync("pdftotext", ["-q", "-", "-"], { input: bytes, maxBuffer: 64 << 20 }).toString();
  return { status: r.status(), bytes, tekst: tekst.split(/\s+/).join(" ") };
}

// The entries of a ZIP (an XLSX), by name: enough of the format for the checks here.
function unzip(buf) {
  const out = new Map();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const n = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data).toString() : data.toString());
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

function leegRegister({ naam, bytes }, waar) {
  check(bytes.subarray(0, 2).toString() === "PK", `${waar}: ${naam} is een ZIP (begint met PK, ${bytes.length} bytes)`);
  const zip = unzip(bytes);
  const workbook = zip.get("xl/workbook.xml") || "";
  const strings = zip.get("xl/sharedStrings.xml") || "";
  const blad = zip.get("xl/worksheets/sheet1.xml") || "";
  check(naam.endsWith(".xlsx") && workbook.includes('name="Klachten"'), `${waar}: een XLSX met het blad Klachten`);
  check(strings.includes("datum_ontvangst") && blad.includes("<dataValidation"),
    `${waar}: de kolommen van het register en keuzelijsten`);
}

const sessieVan = (p) => new URL(p.url()).searchParams.get("s");
const tekstVan = (p, sel) => p.locator(sel).innerText();
const actief = (p) => p.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));
// Is the element (partly) in the viewport?
const inBeeld = (p, sel) => p.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
});
// The ids of the Verantwoording boxes step 3 links to.
const ontbrekend = (p) => p.$$eval("#verslag .melding a[href^='#v-teksten-']", (as) => as.map((a) => a.getAttribute("href").slice(1)));
// Every "ontbreekt" of the page outside the help text of step 4 that says what an empty text does.
const ontbreektOpPagina = (p) => p.evaluate(() =>
  [...document.querySelectorAll("#controle, #verslag")].map((s) => s.innerText).join("\n")
    .split("\n").filter((r) => /ontbreekt/i.test(r)));

let sessie = null;
let config = null;
const getypt = new Map(); // box id → the text typed in it

try {
  await stap("startpagina", async () => {
    await page.goto(url);
    check((await page.title()).includes("Klachtverslag"), "de pagina opent met het toegangsteken");
    check(!page.url().includes("token="), "het toegangsteken staat niet meer in de adresbalk");
    await screenshot(page, "start", true);
    await axe(page, "startpagina");
    // Step links are not dead before an upload: they are plain text.
    check(await page.locator(".stappen a").count() === 0, "de stappen zijn nog geen links zonder register");

    // Keyboard only: Tab reaches the skip link first, Enter on it moves on to the content.
    await page.keyboard.press("Tab");
    check(await page.evaluate(() => document.activeElement.textContent.includes("Naar de inhoud")), "Tab: eerst de link naar de inhoud");
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement.id === "register-bestand");
    }
    check(reached, "Tab: het bestandsveld is met het toetsenbord te bereiken");

    leegRegister(await download(page, "a[href='/leeg-register.xlsx']"), "startpagina, Leeg register downloaden");
  });

  await stap("register zonder configuratie: kolom koppelen", async () => {
    await page.setInputFiles("#register-bestand", koppelen);
    await verstuur(page, "#register form button[type=submit]");
    sessie = sessieVan(page);
    check(!!sessie && page.url().endsWith("#controle"), `na het uploaden: de controle (${page.url().replace(origin, "")})`);
    check(await page.locator("#kolommen[open] summary").innerText() === "Kolommen koppelen: een verplichte kolom ontbreekt",
      "Kolommen koppelen staat open: een verplichte kolom ontbreekt");
    check((await tekstVan(page, "#kolommen tr.fout")).includes("datum ontvangst"), "de rij datum ontvangst is gemarkeerd");
    check((await tekstVan(page, "#verslag")).includes("Koppel de kolom in stap 2, Controle."), `stap 3 zegt waar het te herstellen is: ${await tekstVan(page, "#verslag .melding")}`);
    console.log(`     probleemtabel: ${(await tekstVan(page, "table.problemen tbody")).replace(/\s+/g, " ").slice(0, 300)}`);
    check(await actief(page) === "controle-kop", `de focus staat op de kop van stap 2 (${await actief(page)})`);
    await screenshot(page, "controle-kolom-ontbreekt");
    await page.evaluate(() => document.getElementById("verslag").scrollIntoView());
    await screenshot(page, "verslag-kolom-ontbreekt");
    await axe(page, "controle, kolom ontbreekt");

    // By keyboard: the select of datum ontvangst, the letters of the column, then the button.
    await page.focus("#kolom-datum_ontvangst");
    await page.keyboard.type("Ontvangen op");
    check(await page.inputValue("#kolom-datum_ontvangst") === "Ontvangen op", "met het toetsenbord gekozen: Ontvangen op");
    await verstuur(page, "#kolommen button[type=submit]");
    check(sessieVan(page) === sessie, "na het koppelen: dezelfde sessie");
    const m = await melding(page, "controle");
    check(/opnieuw gecontroleerd/i.test(m.tekst) && m.velden.length === 0, "de melding zegt dat er opnieuw is gecontroleerd");
    check((await tekstVan(page, ".tellers")).includes("0 fouten"), `opnieuw gecontroleerd: ${(await tekstVan(page, ".tellers")).replace(/\s+/g, " ")}`);
    check(await page.locator("#kolommen").getAttribute("open") === null, "Kolommen koppelen is weer dicht");
    check(await page.$eval("#kolom-datum_ontvangst", (s) => s.value) === "Ontvangen op", "de keuze staat in de kolomtabel");
  });

  await stap("onbekende waarden", async () => {
    check((await tekstVan(page, "#waarden summary")) === "Onbekende waarden (2)", "Onbekende waarden (2)");
    const rijen = await page.$$eval("#waarden tbody tr", (trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, " ").trim()));
    check(rijen.some((r) => r.startsWith("klager Zorgvrager 28")) && rijen.some((r) => r.startsWith("kanaal Elektronisch 82")),
      `de tabel noemt Zorgvrager en Elektronisch met hun aantal: ${rijen.join(" | ")}`);
    check((await page.locator("#waarden:has(select)").count()) === 1, "elke waarde heeft een keuzelijst");
    await screenshot(page, "controle-onbekende-waarden");
    await axe(page, "controle met onbekende waarden");

    const zorgvrager = await page.$eval("#waarden label", (l) => l.getAttribute("for"));
    const labels = await page.$$eval("#waarden tbody label", (ls) => ls.map((l) => [l.textContent, l.getAttribute("for")]));
    const keuze = new Map(labels);
    await page.selectOption(`#${keuze.get("Zorgvrager")}`, { label: "Cliënt" });
    await page.focus(`#${keuze.get("Elektronisch")}`);
    await page.keyboard.type("E-mail");
    check(await page.inputValue(`#${keuze.get("Elektronisch")}`) === "=E-mail" && !!zorgvrager, "Cliënt en E-mail gekozen");
    await verstuur(page, "#waarden button[type=submit]");
    const m = await melding(page, "controle");
    check(m.velden.length === 0, "de melding noemt geen fout");
    await screenshot(page, "waarden-toegepast");
    const tellers = (await tekstVan(page, ".tellers")).replace(/\s+/g, " ");
    check(tellers.includes("0 fouten") && tellers.includes("0 waarschuwingen"), `opnieuw gecontroleerd: ${tellers}`);
    check(await page.locator("#waarden").count() === 0, "geen onbekende waarden meer");
    check(await page.isVisible("#verslag-kop") && await page.locator("iframe.pdf").count() === 1, "het verslag staat er, met de PDF");
  });

  await stap("Verantwoording: elke ontbrekende tekst invullen", async () => {
    let ronde = 0;
    let ids = await ontbrekend(page);
    check(ids.length >= 8, `stap 3 noemt ${ids.length} ontbrekende teksten, elk een link naar zijn vak`);
    const zonderLink = await page.$$eval("#verslag .melding li", (lis) => lis.filter((li) => !li.querySelector("a")).map((li) => li.innerText));
    check(zonderLink.length === 0, `elk ontbrekend onderdeel is een link (zonder link: ${zonderLink.join("; ") || "geen"})`);
    await screenshot(page, "verslag-ontbreekt-nog");
    await axe(page, "verslag met ontbrekende teksten");
    // Organisation, for {{ organisatie }} in the texts.
    await page.fill("#s-organisatie", "Zorggroep Oost");
    while (ids.length > 0 && ronde < 3) {
      ronde++;
      for (const [i, id] of ids.entries()) {
        // Follow the link by keyboard: its box comes into view and its text box has the focus.
        const veld = await page.$eval(`#${id}`, (d) => d.querySelector("textarea").id);
        const link = `#verslag .melding li:nth-child(${i + 1}) a`;
        const gevolgd = await volgLink(page, link, veld, `stap 3, "${(await page.innerText(link)).slice(0, 60)}…"`);
        if (i === 0) await screenshot(page, "link-naar-vak");
        // The same box may be asked for by more than one law: typed once.
        if (getypt.has(veld)) continue;
        const tekst = `Over ${id.replace("v-teksten-", "")} bij {{ organisatie }}.`;
        if (!gevolgd) await page.focus(`#${veld}`);
        await page.keyboard.type(tekst);
        getypt.set(veld, tekst);
      }
      await screenshot(page, `teksten-ingevuld-${ronde}`);
      await verstuur(page, "#teksten button[type=submit]");
      const m = await melding(page, "teksten");
      check(m.velden.length === 0, `Verslag opnieuw maken (ronde ${ronde}): geen fout`);
      ids = await ontbrekend(page);
    }
    check(ids.length === 0 && await page.locator("text=Dit ontbreekt nog").count() === 0, `na ${ronde} ronde(s) ontbreekt er niets meer op de pagina`);
    const rest = await ontbreektOpPagina(page);
    check(rest.length === 0, `geen "ontbreekt" in controle en verslag (${rest.join(" | ") || "geen"})`);
    for (const [veld, tekst] of getypt) {
      if (await page.inputValue(`#${veld}`) !== tekst) check(false, `${veld} houdt de getypte tekst`);
    }
    const pdf = await pdfTekst(page, sessie);
    check(pdf.status === 200 && pdf.bytes.subarray(0, 5).toString() === "%PDF-", `de PDF is gemaakt (${pdf.bytes.length} bytes)`);
    check(!/ontbreekt/i.test(pdf.tekst), "de PDF-tekst zegt nergens \"ontbreekt\"");
    check(pdf.tekst.includes("Over klachtenregeling bij Zorggroep Oost."), "de PDF heeft de getypte tekst, met de organisatie ingevuld");
    await page.evaluate(() => window.scrollTo(0, document.getElementById("verslag").offsetTop));
    await screenshot(page, "verslag-compleet");
    await axe(page, "verslag compleet");

    // The PDF through its download link, by keyboard.
    const d = await download(page, "#verslag a.knop[href$='/bestand/pdf']");
    check(d.bytes.subarray(0, 5).toString() === "%PDF-" && d.bytes.length > 50000 && d.naam.endsWith(".pdf"),
      `PDF gedownload (${d.naam}, ${d.bytes.length} bytes)`);
  });

  await stap("typefout in een plaatshouder", async () => {
    const typed = "In {{ jaar }} schreef {{ organsatie }} dit.";
    await page.fill("#t-voorwoord", typed);
    await verstuur(page, "#teksten button[type=submit]");
    const m = await melding(page, "teksten");
    check(m.velden.length === 1 && m.velden[0] === "v-teksten-voorwoord", `de melding linkt naar het voorwoord (${m.velden.join(", ")})`);
    await screenshot(page, "melding-typefout");
    // Tab from the message reaches its link; Enter: the box, with the focus in it.
    await page.keyboard.press("Tab");
    check(await page.evaluate(() => document.activeElement.getAttribute("href")) === "#v-teksten-voorwoord", "Tab vanaf de melding: de link naar het voorwoord");
    await volgLink(page, "#melding-teksten a[href='#v-teksten-voorwoord']", "t-voorwoord", "link in de melding");
    for (const keer of ["na het versturen", "na opnieuw laden"]) {
      const fout = await tekstVan(page, "#f-voorwoord");
      check(fout.includes("{{ organsatie }} bestaat niet; bedoelt u {{ organisatie }}?") && !fout.includes("?."), `${keer}: de melding staat bij het vak: ${fout}`);
      check(await page.inputValue("#t-voorwoord") === typed, `${keer}: de getypte tekst staat nog in het vak`);
      check(await page.getAttribute("#t-voorwoord", "aria-invalid") === "true"
        && (await page.getAttribute("#t-voorwoord", "aria-describedby")).includes("f-voorwoord"), `${keer}: het vak is ongeldig gemarkeerd en verwijst naar de melding`);
      check(await page.locator("iframe.pdf").count() === 1 && await page.locator("#verslag .tegels li").count() > 0, `${keer}: het verslag staat er nog`);
      if (keer === "na het versturen") {
        await screenshot(page, "voorwoord-typefout");
        await axe(page, "typefout in het voorwoord");
        // Reloaded at the box (the address the link left): the same, and the focus in the box.
        await page.reload({ waitUntil: "load" });
        check(await actief(page) === "t-voorwoord" && await inBeeld(page, "#t-voorwoord"), `na opnieuw laden: het voorwoord is in beeld en heeft de focus (${await actief(page)})`);
        check((await page.locator("#melding-teksten a[href='#v-teksten-voorwoord']").count()) === 1, "na opnieuw laden: de melding noemt het voorwoord nog");
      }
    }
    const pdf = await pdfTekst(page, sessie);
    check(pdf.status === 200 && !pdf.tekst.includes("organsatie"), "de PDF is er nog, zonder de foute tekst");
    // Fixed: the message goes, the report has the text.
    await page.fill("#t-voorwoord", "In {{ jaar }} schreef {{ organisatie }} dit.");
    await verstuur(page, "#teksten button[type=submit]");
    check(await page.locator(".veldfout").count() === 0, "hersteld: de melding is weg");
    check((await pdfTekst(page, sessie)).tekst.includes("In 2024 schreef Zorggroep Oost dit."), "hersteld: de PDF heeft het voorwoord");
    getypt.set("t-voorwoord", "In {{ jaar }} schreef {{ organisatie }} dit.");
  });

  await stap("kapot logo", async () => {
    await page.setInputFiles("#s-logo", { name: "logo.png", mimeType: "image/png", buffer: Buffer.from("dit is geen plaatje\n") });
    await verstuur(page, "#teksten button[type=submit]");
    const m = await melding(page, "teksten");
    check(m.velden.includes("v-logo"), `de melding linkt naar het logo (${m.velden.join(", ")})`);
    await volgLink(page, "#melding-teksten a[href='#v-logo']", "s-logo", "link in de melding");
    const fout = await tekstVan(page, "#f-logo");
    check(/logo/i.test(fout) && /zonder logo gemaakt/.test(fout) && !/unknown|image format|error/i.test(fout),
      `een Nederlandse melding bij het logo: ${fout}`);
    check(await page.locator("iframe.pdf").count() === 1 && (await pdfTekst(page, sessie)).status === 200, "het verslag is gemaakt");
    check((await tekstVan(page, ".tellers")).includes("0 fouten"), "de controle staat er nog");
    await screenshot(page, "logo-kapot");
    await axe(page, "kapot logo");
    // "Geen logo" takes it away, and the message with it.
    await page.focus("#s-logo-weg");
    await page.keyboard.press("Space");
    await verstuur(page, "#teksten button[type=submit]");
    check(await page.locator("#f-logo").count() === 0, "Geen logo: de melding is weg");
  });

  await stap("alles open: plaatshouders en teksten per eenheid", async () => {
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
    const plaatshouders = await page.$$eval("details.plaatshouders tbody tr", (trs) => trs.map((tr) => tr.innerText));
    check(plaatshouders.some((r) => r.includes("{{ organisatie }}") && r.includes("Zorggroep Oost")), `de plaatshouders met hun waarde in dit verslag (${plaatshouders.length})`);
    await screenshot(page, "alles-open");
    await axe(page, "alle uitklapdelen open");
  });

  await stap("configuratie en leeg register uit stap 4", async () => {
    const d = await download(page, "#teksten a[href$='/bestand/config']");
    config = d.bytes;
    const tekst = config.toString();
    check(d.naam.endsWith(".toml") && tekst.includes('datum_ontvangst = "Ontvangen op"') && tekst.includes('"Cliënt" = ["Zorgvrager"]')
      && tekst.includes('E-mail = ["Elektronisch"]') && tekst.includes('naam = "Zorggroep Oost"') && !tekst.includes("\r"),
      `configuratie gedownload (${d.naam}): kolom, waarden, organisatie, LF`);
    leegRegister(await download(page, "#teksten a[href$='/bestand/leeg-register']"), "stap 4, Leeg register downloaden");
  });

  await stap("verslagen per eenheid", async () => {
    await page.selectOption("#kolom", "cluster");
    await verstuur(page, "#verslag form[action*='/per'] button[type=submit]");
    check(page.url().endsWith("#per"), "na het starten: de pagina staat bij Eén verslag per eenheid");
    // The page polls and reloads itself when the batch is done.
    await page.waitForSelector("#per-zip", { timeout: 60000 });
    await page.waitForLoadState("load");
    const focus = await actief(page);
    check(focus === "per-zip", `na de verslagen per eenheid heeft de ZIP-link de focus (${focus})`);
    check(await inBeeld(page, "#per-zip"), "de ZIP-link is in beeld");
    await screenshot(page, "per-eenheid-klaar");
    await axe(page, "verslagen per eenheid klaar");
    const zip = await page.request.get(`${origin}/s/${sessie}/per.zip`);
    const bytes = await zip.body();
    check(zip.status() === 200 && bytes.subarray(0, 2).toString() === "PK", `de ZIP met verslagen per cluster (${bytes.length} bytes)`);
  });

  await stap("volgend jaar: register met de gedownloade configuratie", async () => {
    await page.goto(origin + "/");
    await page.setInputFiles("#register-bestand", koppelen);
    await page.setInputFiles("#config-bestand", { name: "config.toml", mimeType: "application/toml", buffer: config });
    await verstuur(page, "#register form button[type=submit]");
    const tweede = sessieVan(page);
    check(!!tweede && tweede !== sessie, "een nieuwe sessie");
    const tellers = (await tekstVan(page, ".tellers")).replace(/\s+/g, " ");
    check(tellers.includes("0 fouten") && tellers.includes("0 waarschuwingen"), `met de configuratie: ${tellers}`);
    check(await page.locator("#waarden").count() === 0 && await page.locator("#kolommen[open]").count() === 0, "niets te koppelen");
    check((await ontbrekend(page)).length === 0 && (await ontbreektOpPagina(page)).length === 0, "er ontbreekt niets");
    check((await tekstVan(page, "#register")).includes("Nu in gebruik: config.toml"), "de pagina noemt de configuratie");
    let terug = 0;
    for (const [veld, tekst] of getypt) if (await page.inputValue(`#${veld}`) === tekst) terug++;
    check(terug === getypt.size, `de getypte teksten staan weer in hun vak (${terug} van ${getypt.size})`);
    check(await page.inputValue("#s-organisatie") === "Zorggroep Oost", "de organisatie staat er weer");
    check(!/ontbreekt/i.test((await pdfTekst(page, tweede)).tekst), "de PDF zegt nergens \"ontbreekt\"");
    await screenshot(page, "met-configuratie");
    await axe(page, "register met configuratie");
  });

  await stap("register met fouten", async () => {
    await page.goto(origin + "/");
    await page.setInputFiles("#register-bestand", `${root}fixtures/fouten/register.csv`);
    await verstuur(page, "#register form button[type=submit]");
    const rows = await page.locator("table.problemen tbody tr").count();
    check(rows >= 5, `de tabel met problemen heeft ${rows} rijen`);
    check((await page.textContent("table.problemen")).includes("is geen geldige datum"), "een melding zegt wat er mis is");
    await screenshot(page, "problemen");
    await axe(page, "register met fouten");
  });

  await stap("telefoon, 390 px", async () => {
    const tel = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    tel.setDefaultTimeout(20000);
    const p = await tel.newPage();
    const breedte = async (wat) => {
      await p.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      check(w <= 390, `telefoon, ${wat}: geen horizontale schuifbalk (scrollWidth ${w})`);
      // Wider than the screen only inside a table's own scroll region.
      const uit = await p.evaluate(() => [...document.querySelectorAll("main *")]
        .filter((e) => !e.closest(".tabel-schuif") && e.getBoundingClientRect().right > 391 && e.getClientRects().length)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className ? "." + String(e.className).split(" ")[0] : ""}`));
      check(uit.length === 0, `telefoon, ${wat}: niets steekt buiten het scherm (${uit.slice(0, 5).join(", ") || "niets"})`);
      // Nor does a table need sideways scrolling to be read, and no field is squeezed.
      const schuif = await p.$$eval(".tabel-schuif", (rs) => rs.filter((r) => r.getClientRects().length && r.scrollWidth > r.clientWidth + 1)
        .map((r) => `${r.getAttribute("aria-label")} (${r.scrollWidth} px)`));
      check(schuif.length === 0, `telefoon, ${wat}: elke tabel past zonder zijwaarts schuiven (${schuif.join(", ") || "ja"})`);
      const smal = await p.$$eval("main input[type=text], main textarea, main select:not(.naast select)", (vs) => vs
        .filter((v) => v.getClientRects().length && v.getBoundingClientRect().width < 140)
        .map((v) => `${v.id || v.name} (${Math.round(v.getBoundingClientRect().width)} px)`));
      check(smal.length === 0, `telefoon, ${wat}: elk tekstveld en elke keuzelijst is minstens 140 px breed (${smal.slice(0, 4).join(", ") || "ja"})`);
    };
    await p.goto(url);
    await breedte("startpagina");
    await screenshot(p, "telefoon-start", true);
    await p.setInputFiles("#register-bestand", koppelen);
    await verstuur(p, "#register form button[type=submit]");
    await breedte("kolom ontbreekt");
    await screenshot(p, "telefoon-kolom-ontbreekt", true);
    await axe(p, "telefoon, kolom ontbreekt");
    await p.selectOption("#kolom-datum_ontvangst", "Ontvangen op");
    await verstuur(p, "#kolommen button[type=submit]");
    await breedte("problemen, waarden en instellingen");
    await screenshot(p, "telefoon-waarden-en-instellingen", true);
    await axe(p, "telefoon, waarden en instellingen");
    await tel.close();
  });

  await stap("foutpagina's", async () => {
    let r = await page.goto(`${origin}/?s=bestaatniet`);
    check(r.status() === 404 && (await page.textContent("h1")) === "Onbekende sessie", `onbekende sessie: ${r.status()} ${await page.textContent("h1")}`);
    await screenshot(page, "fout-onbekende-sessie");
    await axe(page, "foutpagina onbekende sessie");
    r = await page.goto(`${origin}/bestaat/niet`);
    const h1 = await page.locator("h1").count() ? await page.textContent("h1") : "(geen kop)";
    check(r.status() === 404 && h1 === "Pagina niet gevonden", `onbekend adres: ${r.status()} ${h1}`);
    await screenshot(page, "fout-onbekend-adres");
    await axe(page, "foutpagina onbekend adres");
    // Without the token (a fresh browser): refused, with how to get in.
    const vreemd = await browser.newContext();
    const p = await vreemd.newPage();
    r = await p.goto(`${origin}/`);
    check(r.status() === 403 && (await p.textContent("h1")) === "Geen toegang", `zonder toegangsteken: ${r.status()} ${await p.textContent("h1")}`);
    await screenshot(p, "fout-geen-toegang");
    await axe(p, "foutpagina geen toegang");
    await vreemd.close();
  });

  await stap("formulier van een andere poort", async () => {
    // A page on another port of the same computer: same site, so the browser sends the cookie;
    // another origin, so the server must refuse what it posts.
    const doel = `${origin}/s/${sessie}/instellingen`;
    const vreemd = createServer((req, res) => {
      const naar = req.url === "/teksten" ? doel : `${origin}/controle`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="nl"><title>Andere site</title><form method="post" action="${naar}" enctype="multipart/form-data">
        <input name="teksten.voorwoord" value="Overschreven door een andere site."></form>
        <script>document.forms[0].submit()</script></html>`);
    });
    await new Promise((ok) => vreemd.listen(0, "127.0.0.1", ok));
    const ander = `http://127.0.0.1:${vreemd.address().port}`;
    try {
      for (const [pad, wat] of [["/", "/controle"], ["/teksten", "/s/<sessie>/instellingen"]]) {
        const [r] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(origin)),
          page.goto(ander + pad, { waitUntil: "commit" }),
        ]);
        await page.waitForLoadState("load");
        check(r.status() === 403 && (await page.textContent("h1")) === "Geweigerd", `POST naar ${wat} vanaf ${ander}: ${r.status()} ${await page.textContent("h1")}`);
      }
      await screenshot(page, "fout-geweigerd");
      await axe(page, "foutpagina geweigerd");
      await page.goto(`${origin}/?s=${sessie}`);
      check(await page.inputValue("#t-voorwoord") === getypt.get("t-voorwoord"), "het voorwoord is niet overschreven");
    } finally {
      vreemd.close();
    }
  });

  // Issue 26: last year's config, its plans still in it, with this year's register: the plans
  // are taken over as this year's goals, a status and a result filled in by keyboard, a plan
  // for next year added; the report has the chapter, and step 3 names the goals still open.
  await stap("doelen: de plannen van vorig jaar", async () => {
    await page.goto(origin + "/");
    await page.setInputFiles("#register-bestand", `${root}fixtures/doelen/register.csv`);
    await page.setInputFiles("#config-bestand", `${root}fixtures/doelen/vorige-config.toml`);
    await page.fill("#periode", "2024");
    await verstuur(page, "#register form button[type=submit]");
    const doelSessie = sessieVan(page);
    check(await page.isVisible("#s-overnemen"), "stap 4 biedt aan de plannen van vorig jaar als doelen over te nemen");
    await page.check("#s-overnemen");
    await verstuur(page, "#teksten form button[type=submit]");
    await melding(page, "teksten");
    check((await tekstVan(page, "#v-doelen legend")) === "Doelen 2024 en resultaat", "het deel heet Doelen 2024 en resultaat");
    check(await page.inputValue("#d-0-titel") === "Informatie en toegankelijkheid van website en intranet", "het eerste doel is het eerste plan van vorig jaar");
    const open = await page.$$eval("#verslag .melding a[href='#v-doelen']", (as) => as.length);
    check(open === 6, `stap 3 noemt de 6 doelen zonder resultaat, elk met een link naar de doelen (${open})`);
    // By keyboard: the status, the result, a plan for next year.
    await page.focus("#d-0-status");
    await page.keyboard.type("Behaald");
    await page.focus("#d-0-resultaat");
    await page.keyboard.type("De klachtenfunctionarissen staan nu op de website en het intranet.");
    await page.fill("#p-0-titel", "Klachten per kwartaal bespreken");
    await verstuur(page, "#teksten form button[type=submit]");
    await melding(page, "teksten");
    check(await page.inputValue("#d-0-status") === "behaald", "de status staat er");
    const pdf = await pdfTekst(page, doelSessie);
    check(pdf.tekst.includes("Doelen 2024 en resultaat") && pdf.tekst.includes("De klachtenfunctionarissen staan nu op de website en het intranet.")
      && pdf.tekst.includes("Klachten per kwartaal bespreken"), "de PDF heeft het hoofdstuk met het resultaat, en het nieuwe plan");
    await page.evaluate(() => document.getElementById("v-doelen").scrollIntoView());
    await screenshot(page, "doelen");
    await axe(page, "doelen en plannen");
  });

  // Last, since its twelve sessions push the earlier ones out (at most 8 are kept).
  // An untouched step 4, sent as the browser sends it (every field as shown): the config comes
  // back byte for byte as uploaded, for the example's config and every fixture config with its
  // own kind of setting (goals and plans, signals, earlier years, rates, terms, outcomes, one
  // row per deelklacht, Typst markup in its texts).
  await stap("stap 4 ongewijzigd: de configuratie blijft gelijk", async () => {
    const gevallen = [["data/voorbeeld/klachtenregister.csv", "data/voorbeeld/config.toml"]].concat(
      ["doelen", "signalen", "eerdere-jaren", "verhoudingsgetallen", "termijn-peildatum", "termijn-noemer",
       "tevredenheid", "deelklachten-per-rij", "bijna-gelijk", "geldig-klein", "typst-opmaak", "routes"]
        .map((f) => [`fixtures/${f}/register.csv`, `fixtures/${f}/config.toml`]));
    for (const [register, cfg] of gevallen) {
      await page.goto(origin + "/");
      await page.setInputFiles("#register-bestand", `${root}${register}`);
      await page.setInputFiles("#config-bestand", `${root}${cfg}`);
      await verstuur(page, "#register form button[type=submit]");
      await verstuur(page, "#teksten form button[type=submit]");
      const terug = (await download(page, "#teksten a[href$='/bestand/config']")).bytes;
      check(Buffer.compare(terug, readFileSync(`${root}${cfg}`)) === 0, `${cfg}: na Verslag opnieuw maken zonder wijziging dezelfde bytes`);
    }
  });
} finally {
  await browser.close();
  server.kill();
}
console.log(`browser: ${passed} passed, ${failures} failed; screenshots in ${shots}`);
process.exit(failures === 0 ? 0 : 1);
