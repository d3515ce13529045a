//! A synthetic complaints register, deterministic by seed: for demos, benchmarks and batch
//! tests. Everything in it is invented; the omschrijving column holds generated sentences.

use std::fmt::Write;

use chrono::Datelike;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Opties {
    /// Number of rows.
    pub rijen: usize,
    /// Number of years, ending with `tot_jaar`.
    pub jaren: u32,
    /// Last year.
    pub tot_jaar: i32,
    /// Number of providers (zorgaanbieder).
    pub eenheden: usize,
    /// Number of clusters; `None`: as many as providers, at most 12.
    pub clusters: Option<usize>,
    /// Seed: the same seed gives the same file.
    pub zaad: u64,
}

/// SplitMix64: small, fast and the same on every platform and version (the `rand` crate
/// promises no stable streams).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[(&'a str, u32)]) -> &'a str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut x = (self.next() % u64::from(total)) as u32;
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= w;
        }
        items[0].0
    }
}

const CATEGORIEEN: [(&str, u32); 9] = [
    ("Bejegening", 9),
    ("Communicatie en informatie", 8),
    ("Kwaliteit van zorg", 10),
    ("Organisatie en bereikbaarheid", 5),
    ("Financiën", 3),
    ("Veiligheid", 3),
    ("Privacy", 1),
    ("Accommodatie en maaltijden", 3),
    ("Medisch handelen", 2),
];
const KLAGERS: [(&str, u32); 5] = [
    ("Cliënt", 45),
    ("Verwant/vertegenwoordiger", 38),
    ("Wettelijk vertegenwoordiger", 8),
    ("Gemachtigde", 3),
    ("Nabestaande", 5),
];
const KANALEN: [(&str, u32); 5] = [
    ("E-mail", 40),
    ("Telefoon", 25),
    ("Klachtenformulier", 15),
    ("Brief", 6),
    ("Persoonlijk", 8),
];
const UITKOMSTEN: [(&str, u32); 8] = [
    ("Bemiddeld", 44),
    ("Gegrond", 9),
    ("Deels gegrond", 8),
    ("Ongegrond", 7),
    ("Ingetrokken", 7),
    ("Geen reactie klager", 4),
    ("Melding", 9),
    ("Niet ontvankelijk", 5),
];
const SOORT_ZORG: [&str; 5] = [
    "Wonen met zorg",
    "Verpleeghuiszorg",
    "GGZ",
    "Dagbesteding",
    "Wijkverpleging",
];

/// The header line.
pub const KOPPEN: &str = "klachtnummer;datum_ontvangst;datum_eerste_contact;datum_afgehandeld;zorgaanbieder;cluster;soort_zorg;categorie;klager;kanaal;soort;regeling;afhandeling;zorgrelatie;bemiddelingsgesprek;verlengd;geschil;verbetermaatregel;omschrijving";

/// Generates the register's rows (the columns of [`KOPPEN`]).
pub fn rows(o: &Opties) -> impl Iterator<Item = Vec<String>> + '_ {
    let mut rng = Rng(o.zaad);
    let first_year = o.tot_jaar - o.jaren.max(1) as i32 + 1;
    let dmy = |d: chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
    (0..o.rijen).map(move |i| {
        let year = first_year + rng.below(o.jaren.max(1) as usize) as i32;
        let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
        let ontvangst = start + chrono::Duration::days(rng.below(365) as i64);
        let aanbieder = rng.below(o.eenheden);
        let cluster = rng.below(o.clusters.unwrap_or_else(|| o.eenheden.clamp(1, 12)));
        let afhandeling = rng.pick(&UITKOMSTEN);
        let n_cat = 1 + usize::from(rng.below(4) == 0) + usize::from(rng.below(12) == 0);
        let mut cats: Vec<&str> = Vec::new();
        while cats.len() < n_cat {
            let c = rng.pick(&CATEGORIEEN);
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        let dagen = 3 + rng.below(40) + rng.below(40) * usize::from(rng.below(5) == 0);
        let afgehandeld = ontvangst + chrono::Duration::days(dagen as i64);
        let open = afgehandeld.year() > o.tot_jaar && afhandeling != "Melding";
        let contact = ontvangst + chrono::Duration::days(rng.below(9) as i64);
        vec![
            format!("K{i:07}"),
            dmy(ontvangst),
            dmy(contact),
            if open {
                String::new()
            } else {
                dmy(afgehandeld)
            },
            format!("Zorgaanbieder {:04}", aanbieder + 1),
            format!("Cluster {:02}", cluster + 1),
            SOORT_ZORG[rng.below(SOORT_ZORG.len())].to_string(),
            if afhandeling == "Melding" {
                String::new()
            } else {
                cats.join("; ")
            },
            rng.pick(&KLAGERS).to_string(),
            rng.pick(&KANALEN).to_string(),
            (if rng.below(3) == 0 {
                "Formeel"
            } else {
                "Informeel"
            })
            .to_string(),
            rng.pick(&[("Wkkgz", 82), ("Wzd", 8), ("Wmo", 7), ("Jeugdwet", 3)])
                .to_string(),
            (if open { "" } else { afhandeling }).to_string(),
            (if rng.below(5) == 0 {
                "Beëindigd"
            } else {
                "Lopend"
            })
            .to_string(),
            (if rng.below(4) == 0 { "ja" } else { "nee" }).to_string(),
            (if dagen > 42 && rng.below(2) == 0 {
                "ja"
            } else {
                "nee"
            })
            .to_string(),
            (if rng.below(50) == 0 { "ja" } else { "nee" }).to_string(),
            (if rng.below(6) == 0 {
                "Werkafspraak aangepast"
            } else {
                ""
            })
            .to_string(),
            format!("Verzonnen klacht {i} over {}", cats[0].to_lowercase()),
        ]
    })
}

/// Generates the register as CSV text (`;`, dates dd-mm-jjjj; a field with `;` is quoted as
/// RFC 4180 asks).
pub fn csv(o: &Opties) -> String {
    let mut out = String::with_capacity(o.rijen * 200 + 300);
    out.push_str(KOPPEN);
    out.push('\n');
    for row in rows(o) {
        let fields: Vec<String> = row
            .into_iter()
            .map(|f| {
                if f.contains(';') {
                    format!("\"{f}\"")
                } else {
                    f
                }
            })
            .collect();
        let _ = writeln!(out, "{}", fields.join(";"));
    }
    out
}

/// Generates the register as an XLSX workbook (sheet "Klachten", real date cells).
pub fn xlsx(o: &Opties) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Klachten")?;
    let date = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    for (c, h) in KOPPEN.split(';').enumerate() {
        ws.write_string(0, c as u16, h)?;
    }
    for (r, row) in rows(o).enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match chrono::NaiveDate::parse_from_str(v, "%d-%m-%Y") {
                Ok(d) if (1..=3).contains(&c) => {
                    let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        d.year() as u16,
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    ws.write_datetime_with_format(r, c as u16, &dt, &date)?;
                }
                _ => {
                    ws.write_string(r, c as u16, v)?;
                }
            }
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_register_and_it_reads_clean() {
        let o = Opties {
            rijen: 300,
            jaren: 3,
            tot_jaar: 2024,
            eenheden: 5,
            clusters: None,
            zaad: 7,
        };
        let a = csv(&o);
        assert_eq!(a, csv(&o));
        assert_ne!(a, csv(&Opties { zaad: 8, ..o }));
        let settings = crate::register::ReadOptions::default();
        let mut loader = crate::register::Loader::new(&settings);
        loader
            .add(std::path::Path::new("g.csv"), a.as_bytes())
            .unwrap();
        let checked = loader.finish();
        assert_eq!(checked.value.klachten.len(), 300);
        assert!(checked.issues.is_empty(), "{:?}", checked.issues.first());
        // The XLSX form holds the same complaints.
        let mut loader = crate::register::Loader::new(&settings);
        loader
            .add(std::path::Path::new("g.xlsx"), &xlsx(&o).unwrap())
            .unwrap();
        let from_xlsx = loader.finish();
        assert!(
            from_xlsx.issues.is_empty(),
            "{:?}",
            from_xlsx.issues.first()
        );
        assert_eq!(from_xlsx.value.klachten, checked.value.klachten);
    }
}
