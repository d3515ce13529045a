//! Dates as Dutch registers write them (dd-mm-jjjj, jjjj-mm-dd, with `-`, `/` or `.`), and
//! Excel serial numbers.

use chrono::NaiveDate;

/// The two shapes nearly every cell has, jjjj-mm-dd and dd-mm-jjjj (any of `-`, `/`, `.`),
/// read without splitting: the same result as the general path below (a unit test holds the
/// two together), a million cells faster. `None`: another shape, for the general path.
fn parse_date_fast(b: &[u8]) -> Option<Result<NaiveDate, Option<String>>> {
    if b.len() != 10 {
        return None;
    }
    let sep = |i: usize| matches!(b[i], b'-' | b'/' | b'.');
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = if sep(4) && sep(7) {
        (num(0..4)?, num(5..7)?, num(8..10)?)
    } else if sep(2) && sep(5) {
        (num(6..10)?, num(3..5)?, num(0..2)?)
    } else {
        return None;
    };
    Some(
        NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| Some("deze dag bestaat niet".into())),
    )
}

/// Parses a date as Dutch registers write it: dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd (also with
/// `/` or `.`, and with a time after it). Strict calendar: 31-02-2024 is an error. On failure
/// returns a hint where one helps.
pub fn parse_date(raw: &str) -> Result<NaiveDate, Option<String>> {
    let raw = raw.trim();
    // A time part ("2024-03-01 00:00:00", "2024-03-01T09:30") is ignored.
    let date = raw.split([' ', 'T']).next().unwrap_or(raw);
    match parse_date_fast(date.as_bytes()) {
        Some(parsed) => parsed,
        None => parse_date_general(date),
    }
}

/// The date part of a cell in any shape `parse_date` accepts, with the hints it gives.
fn parse_date_general(date: &str) -> Result<NaiveDate, Option<String>> {
    if !date.is_empty() && date.chars().all(|c| c.is_ascii_digit()) {
        return Err(excel_serial_hint(date));
    }
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(None);
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if parts[0].len() == 4 {
        (num(parts[0]), num(parts[1]), num(parts[2]))
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (num(parts[2]), num(parts[1]), num(parts[0]))
    } else if parts[2].len() == 2 {
        return Err(Some("gebruik een jaartal van vier cijfers".into()));
    } else {
        return Err(None);
    };
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| Some("deze dag bestaat niet".into())),
        _ => Err(None),
    }
}

/// A bare number in a date column is often an Excel serial date that lost its format.
fn excel_serial_hint(digits: &str) -> Option<String> {
    let n: i64 = digits.parse().ok()?;
    if !(1..=100_000).contains(&n) {
        return None;
    }
    let date = excel_serial_to_date(n as f64)?;
    Some(format!(
        "dit lijkt een Excel-datumgetal; dat staat voor {}. Geef de kolom in Excel de opmaak Datum en exporteer opnieuw",
        date.format("%d-%m-%Y")
    ))
}

/// Converts an Excel serial date of the 1900 date system to a date: for the hint on a bare
/// number in a CSV date column (Excel on Windows writes 1900 serials; the 1904 system of XLSX
/// files is read by calamine from the workbook's own setting).
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || serial < 0.0 {
        return None;
    }
    let days = serial.floor() as i64;
    let base = if days < 60 {
        // Serial 1 is 1-1-1900.
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else if days == 60 {
        // Excel's 29-02-1900 does not exist.
        return None;
    } else {
        // From 1-3-1900 on, Excel's count is one ahead of the calendar.
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_date_shapes_read_as_the_general_path_does() {
        let seps = ['-', '/', '.'];
        for (y, m, d) in [
            (2024, 2, 29),
            (2023, 2, 29),
            (2024, 13, 1),
            (2024, 0, 10),
            (2024, 12, 31),
            (1999, 1, 1),
            (2024, 4, 31),
        ] {
            for s1 in seps {
                for s2 in seps {
                    for text in [
                        format!("{y:04}{s1}{m:02}{s2}{d:02}"),
                        format!("{d:02}{s1}{m:02}{s2}{y:04}"),
                    ] {
                        let fast = parse_date_fast(text.as_bytes()).expect("a fast shape");
                        assert_eq!(fast, parse_date_general(&text), "{text}");
                        assert_eq!(parse_date(&text), fast, "{text}");
                    }
                }
            }
        }
        // Other shapes are left to the general path.
        for text in [
            "2024-3-01",
            "1-3-2024",
            "20240301",
            "2024-03-01x",
            "24-03-2024-",
        ] {
            assert!(parse_date_fast(text.as_bytes()).is_none(), "{text}");
        }
        assert!(parse_date_fast(b"2024-0a-01").is_none());
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dutch_and_iso_dates() {
        assert_eq!(parse_date("01-02-2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("1-2-2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("2024-02-01"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("01/02/2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("2024-02-01 00:00:00"), Ok(d(2024, 2, 1)));
    }

    #[test]
    fn impossible_dates_are_errors_not_rolled_over() {
        assert_eq!(
            parse_date("31-02-2024"),
            Err(Some("deze dag bestaat niet".into()))
        );
        assert_eq!(
            parse_date("29-02-2023"),
            Err(Some("deze dag bestaat niet".into()))
        );
        assert_eq!(parse_date("29-02-2024"), Ok(d(2024, 2, 29)));
        assert!(parse_date("morgen").is_err());
        assert!(
            parse_date("1-2-24")
                .unwrap_err()
                .unwrap()
                .contains("vier cijfers")
        );
    }

    #[test]
    fn excel_serial_in_csv_gets_a_hint() {
        let hint = parse_date("45352").unwrap_err().unwrap();
        assert!(hint.contains("01-03-2024"), "{hint}");
    }

    #[test]
    fn excel_serials_both_systems() {
        assert_eq!(excel_serial_to_date(45352.0), Some(d(2024, 3, 1)));
        assert_eq!(excel_serial_to_date(1.0), Some(d(1900, 1, 1)));
        assert_eq!(
            excel_serial_to_date(60.0),
            None,
            "Excel's 29-02-1900 does not exist"
        );
        assert_eq!(excel_serial_to_date(61.0), Some(d(1900, 3, 1)));
    }
}
