//! Dutch working days: Monday to Friday without the national holidays, for the contract's
//! "eerste contact binnen N werkdagen" (the model regulation's term).
//!
//! Holidays: Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag (27 April, or 26 April when
//! the 27th is a Sunday), Bevrijdingsdag (5 May, every fifth year: 2020, 2025, …),
//! Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday (anonymous Gregorian algorithm).
pub fn pasen(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// The national holidays of a year: looked up for the years registers hold (the key figures
/// ask this once per complaint: a million-row register spent ~40 ms computing Easter), made
/// for any other.
fn feestdagen(y: i32) -> [NaiveDate; 10] {
    const FROM: i32 = 1990;
    const TO: i32 = 2100;
    static TABLE: std::sync::LazyLock<Vec<[NaiveDate; 10]>> =
        std::sync::LazyLock::new(|| (FROM..=TO).map(maak_feestdagen).collect());
    if (FROM..=TO).contains(&y) {
        TABLE[(y - FROM) as usize]
    } else {
        maak_feestdagen(y)
    }
}

/// The national holidays of a year, computed.
fn maak_feestdagen(y: i32) -> [NaiveDate; 10] {
    let ymd = |m, day| NaiveDate::from_ymd_opt(y, m, day).expect("fixed holiday");
    let easter = pasen(y);
    let koningsdag = if ymd(4, 27).weekday() == Weekday::Sun {
        ymd(4, 26)
    } else {
        ymd(4, 27)
    };
    // Bevrijdingsdag only every fifth year; other years repeat Nieuwjaarsdag in its place.
    let bevrijding = if y % 5 == 0 { ymd(5, 5) } else { ymd(1, 1) };
    let [p0, p1, h, p49, p50] = [0, 1, 39, 49, 50].map(|n| easter + Duration::days(n));
    [
        ymd(1, 1),
        koningsdag,
        ymd(12, 25),
        ymd(12, 26),
        bevrijding,
        p0,
        p1,
        h,
        p49,
        p50,
    ]
}

/// Whether a date is a Dutch national holiday.
pub fn is_feestdag(d: NaiveDate) -> bool {
    feestdagen(d.year()).contains(&d)
}

/// Whether a date is a working day.
pub fn is_werkdag(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_feestdag(d)
}

/// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
/// Contact on the day of receipt is 0 working days.
pub fn werkdagen_tussen(from: NaiveDate, to: NaiveDate) -> u32 {
    tel_tot(from, to, u32::MAX)
}

/// Whether `to` is at most `n` working days after `from` (what the term asks; stops counting
/// once past `n`, so a late contact costs no walk through its whole delay).
pub fn binnen(from: NaiveDate, to: NaiveDate, n: u32) -> bool {
    tel_tot(from, to, n) <= n
}

/// Working days after `from` up to `to`, counted until past `limit`. The holidays are looked
/// up once per year walked through, not once per day.
fn tel_tot(from: NaiveDate, to: NaiveDate, limit: u32) -> u32 {
    let mut n = 0;
    let mut d = from;
    let mut jaar = (from.year(), feestdagen(from.year()));
    while d < to && n <= limit {
        d = d.succ_opt().expect("dates before year 262143");
        if d.year() != jaar.0 {
            jaar = (d.year(), feestdagen(d.year()));
        }
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !jaar.1.contains(&d) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counting_with_a_limit_agrees_with_walking_day_by_day() {
        // Reference: every day after `from` up to `to` that is a working day.
        let walk = |from: NaiveDate, to: NaiveDate| {
            from.iter_days()
                .skip(1)
                .take_while(|d| *d <= to)
                .filter(|d| is_werkdag(*d))
                .count() as u32
        };
        let mut from = d(2024, 12, 1);
        while from < d(2025, 6, 1) {
            for delta in [0, 1, 3, 6, 9, 14, 30, 45] {
                let to = from + Duration::days(delta);
                assert_eq!(werkdagen_tussen(from, to), walk(from, to), "{from} {to}");
                for n in [0, 2, 5, 10] {
                    assert_eq!(binnen(from, to, n), walk(from, to) <= n, "{from} {to} {n}");
                }
            }
            from += Duration::days(3);
        }
    }

    #[test]
    fn easter_dates() {
        assert_eq!(pasen(2024), d(2024, 3, 31));
        assert_eq!(pasen(2025), d(2025, 4, 20));
        assert_eq!(pasen(2019), d(2019, 4, 21));
    }

    #[test]
    fn the_holiday_table_is_the_computation() {
        for y in 1985..=2105 {
            assert_eq!(feestdagen(y), maak_feestdagen(y), "{y}");
        }
    }

    #[test]
    fn holidays() {
        assert!(is_feestdag(d(2024, 4, 1))); // Tweede Paasdag
        assert!(is_feestdag(d(2024, 5, 9))); // Hemelvaart
        assert!(is_feestdag(d(2024, 5, 20))); // Tweede Pinksterdag
        assert!(is_feestdag(d(2025, 4, 26))); // Koningsdag on Saturday because 27-4 is a Sunday
        assert!(!is_feestdag(d(2025, 4, 28)));
        assert!(is_feestdag(d(2025, 5, 5))); // Bevrijdingsdag, lustrum year
        assert!(!is_feestdag(d(2024, 5, 5)));
        assert!(is_feestdag(d(2024, 12, 26)));
    }

    #[test]
    fn working_days_across_easter_and_christmas() {
        // Thursday 28-3-2024 to Thursday 4-4-2024: Fri 29, Tue 2, Wed 3, Thu 4 (Mon 1-4 is
        // Tweede Paasdag).
        assert_eq!(werkdagen_tussen(d(2024, 3, 28), d(2024, 4, 4)), 4);
        // Monday 23-12-2024 to Friday 27-12-2024: Tue 24, Fri 27.
        assert_eq!(werkdagen_tussen(d(2024, 12, 23), d(2024, 12, 27)), 2);
        // Friday 26-4-2024 to Monday 29-4-2024: Koningsdag is a Saturday; Monday counts.
        assert_eq!(werkdagen_tussen(d(2024, 4, 26), d(2024, 4, 29)), 1);
        assert_eq!(werkdagen_tussen(d(2024, 3, 28), d(2024, 3, 28)), 0);
    }
}
