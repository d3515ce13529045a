#!/usr/bin/env python3
"""Generates the fictional example register of "Zorggroep De Lindehof" (data/voorbeeld/).

Deterministic (fixed seed): running it again gives the same file. All names, numbers and
texts are made up. The omschrijving column holds invented sentences so that the tests can
prove that no omschrijving ever reaches an output.

    python3 data/voorbeeld/genereer.py > data/voorbeeld/klachtenregister.csv
"""
import csv
import datetime as dt
import random
import sys

rng = random.Random(20241231)

CLUSTERS = [("1. Wonen Noord", 5), ("2. Wonen Zuid", 4), ("3. Specialistische Zorg", 6),
            ("4. Dagbesteding", 2), ("5. Ambulante Begeleiding", 3)]
SOORT_ZORG = {"1. Wonen Noord": ["Wonen met zorg", "Verpleeghuiszorg"],
              "2. Wonen Zuid": ["Wonen met zorg", "Verpleeghuiszorg"],
              "3. Specialistische Zorg": ["GGZ", "Behandeling"],
              "4. Dagbesteding": ["Dagbesteding"],
              "5. Ambulante Begeleiding": ["Begeleid wonen", "Wijkverpleging"]}
CATEGORIEEN = [("Bejegening", 9), ("Communicatie en informatie", 8), ("Kwaliteit van zorg", 10),
               ("Organisatie en bereikbaarheid", 5), ("Financiën", 3), ("Veiligheid", 3),
               ("Privacy", 1), ("Accommodatie en maaltijden", 3), ("Medisch handelen", 2)]
KLAGERS = [("Cliënt", 45), ("Verwant/vertegenwoordiger", 38), ("Wettelijk vertegenwoordiger", 8),
           ("Gemachtigde", 3), ("Nabestaande", 5), ("Zaakwaarnemer", 1)]
KANALEN = [("E-mail", 40), ("Telefoon", 25), ("Klachtenformulier", 15), ("Brief", 6),
           ("Persoonlijk", 8), ("WhatsApp", 4), ("Via derde", 2)]
UITKOMSTEN = [("Bemiddeld", 44), ("Gegrond", 9), ("Deels gegrond", 8), ("Ongegrond", 7),
              ("Ingetrokken", 7), ("Geen reactie klager", 4), ("Beëindigd", 2), ("Doorverwezen", 3)]
PER_JAAR = {2021: 168, 2022: 201, 2023: 236, 2024: 187}
ONDERWERPEN = ["de medicatie", "het eten", "een medewerker van de avonddienst", "de rekening",
               "de bezoektijden", "het zorgplan", "de schoonmaak", "een val in de badkamer"]


def pick(items):
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def datum(d):
    return d.strftime("%d-%m-%Y") if d else ""


def rows():
    for jaar, n in PER_JAAR.items():
        # Slightly more complaints in autumn, as in the real reports.
        dagen = sorted(rng.choices(range(365), weights=[1.0 + 0.5 * (d > 240) for d in range(365)], k=n))
        for i, dag in enumerate(dagen, start=1):
            ontvangst = dt.date(jaar, 1, 1) + dt.timedelta(days=dag)
            cluster = pick(CLUSTERS)
            intake = rng.random()
            if intake < 0.09:
                afhandeling, cats = "Melding", ""
            elif intake < 0.14:
                afhandeling, cats = "Niet ontvankelijk", pick(CATEGORIEEN) if rng.random() < 0.5 else ""
            else:
                afhandeling = pick(UITKOMSTEN)
                k = rng.choices([1, 2, 3], weights=[72, 22, 6])[0]
                gekozen = []
                while len(gekozen) < k:
                    c = pick(CATEGORIEEN)
                    if c not in gekozen:
                        gekozen.append(c)
                cats = "; ".join(gekozen)
            # Doorlooptijd: most within six weeks, a tail beyond ten.
            weken = min(rng.lognormvariate(1.35, 0.65), 20)
            afgehandeld = ontvangst + dt.timedelta(days=max(1, round(weken * 7)))
            if afhandeling in ("Melding",):
                afgehandeld = ontvangst + dt.timedelta(days=rng.randint(0, 3))
            open_ = jaar == 2024 and afgehandeld > dt.date(2024, 12, 20) and afhandeling not in ("Melding", "Niet ontvankelijk")
            if open_:
                afgehandeld, afhandeling = None, ""
            eerste = ontvangst + dt.timedelta(days=rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 7, 9]))
            verlengd = "ja" if afgehandeld and (afgehandeld - ontvangst).days > 42 and rng.random() < 0.6 else "nee"
            yield {
                "Klachtnummer": f"KL-{jaar}-{i:04d}",
                "Datum ontvangst": datum(ontvangst),
                "Datum eerste contact": datum(eerste),
                "Datum afgehandeld": datum(afgehandeld),
                "Cluster": cluster,
                "Soort zorg": rng.choice(SOORT_ZORG[cluster]),
                "Categorie": cats,
                "Klager": pick(KLAGERS),
                "Kanaal": pick(KANALEN),
                "Soort": "Formeel" if rng.random() < 0.35 else "Informeel",
                "Regeling": pick([("Wkkgz", 82), ("Wzd", 8), ("Wmo", 7), ("Jeugdwet", 3)]),
                "Afhandeling": afhandeling,
                "Zorgrelatie": "Lopend" if rng.random() < 0.8 else "Beëindigd",
                "Bemiddelingsgesprek": "ja" if afhandeling == "Bemiddeld" and rng.random() < 0.3 else "nee",
                "Verlengd": verlengd,
                "Geschil": "ja" if afhandeling in ("Gegrond", "Ongegrond") and rng.random() < 0.08 else "nee",
                "Verbetermaatregel": "Werkafspraak aangepast" if afhandeling in ("Gegrond", "Deels gegrond") and rng.random() < 0.6 else "",
                "Omschrijving": f"Klager is ontevreden over {rng.choice(ONDERWERPEN)} (fictief voorbeeld {jaar}-{i})",
            }


def main():
    # As Excel NL saves "CSV UTF-8": BOM, semicolons, CRLF; fields with ; are quoted.
    out = sys.stdout
    out.reconfigure(newline="")
    out.write("\ufeff")
    writer = None
    for row in rows():
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), delimiter=";", lineterminator="\r\n")
            writer.writeheader()
        writer.writerow(row)


if __name__ == "__main__":
    main()
