//! One byte of PDF hygiene after Typst's export: a stream whose (compressed) data happens to
//! end with a carriage return is written as `…\r` `\n` `endstream`. The PDF standard lets the
//! line end before `endstream` be CR LF as well as LF, so a reader cannot tell whether that CR
//! is data or part of the line end, and PDF/A validators (veraPDF's rule 6.1.7.1, `page`'s
//! PDFA2A-STREAM-LENGTH-001) then find a `/Length` that does not match. Writing the line end
//! as CR LF in exactly those streams (`…\r` `\r\n` `endstream`) makes it unambiguous; the
//! cross-reference offsets move with the inserted bytes. Nothing else changes.

/// Returns the PDF with the line end before `endstream` made CR LF in every stream whose data
/// ends with CR. A file this function does not understand (no classic cross-reference table,
/// an indirect `/Length`) is returned unchanged.
pub fn crlf_before_endstream(pdf: Vec<u8>) -> Vec<u8> {
    fix(&pdf).unwrap_or(pdf)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn number(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes).ok()?.trim().parse().ok()
}

fn fix(pdf: &[u8]) -> Option<Vec<u8>> {
    let startxref = rfind(pdf, b"startxref")?;
    let xref_at = number(&pdf[startxref + 9..rfind(pdf, b"%%EOF")?])?;
    if !pdf.get(xref_at..)?.starts_with(b"xref") {
        return None;
    }
    // Where a byte goes in: right after stream data that ends with CR.
    let mut inserts: Vec<usize> = Vec::new();
    let mut at = 0;
    while let Some(s) = find(pdf, b"stream\n", at).filter(|&s| s < xref_at) {
        if pdf[..s].ends_with(b"end") {
            at = s + 7;
            continue;
        }
        let dict_start = rfind(&pdf[..s], b"obj")?;
        let dict = &pdf[dict_start..s];
        let l = find(dict, b"/Length", 0)?;
        let rest = &dict[l + 7..];
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b' '))
            .unwrap_or(rest.len());
        // An indirect length ("/Length 12 0 R") is not handled.
        if rest[end..].starts_with(b"R") {
            return None;
        }
        let length = number(&rest[..end])?;
        let data_end = s + 7 + length;
        if !pdf.get(data_end..)?.starts_with(b"\nendstream") {
            return None;
        }
        if pdf[data_end - 1] == b'\r' {
            inserts.push(data_end);
        }
        at = data_end;
    }
    if inserts.is_empty() {
        return Some(pdf.to_vec());
    }
    let shift = |offset: usize| offset + inserts.partition_point(|&i| i < offset);
    let mut out = Vec::with_capacity(pdf.len() + inserts.len());
    let mut prev = 0;
    for &i in &inserts {
        out.extend_from_slice(&pdf[prev..i]);
        out.push(b'\r');
        prev = i;
    }
    out.extend_from_slice(&pdf[prev..xref_at]);
    // The table: "xref", then sections "first count" with 20-byte entries.
    let table_end = startxref;
    let table = std::str::from_utf8(&pdf[xref_at..table_end]).ok()?;
    let mut lines = table.split_inclusive('\n');
    let mut text = String::new();
    text.push_str(lines.next()?);
    let mut trailer = false;
    for line in lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if trailer {
            text.push_str(line);
        } else if fields.len() == 3 && fields[2] == "n" {
            let offset: usize = fields[0].parse().ok()?;
            let eol = &line[line.trim_end().len()..];
            text.push_str(&format!("{:010} {} n{eol}", shift(offset), fields[1]));
        } else {
            trailer = line.starts_with("trailer");
            text.push_str(line);
        }
    }
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(format!("startxref\n{}\n%%EOF", shift(xref_at)).as_bytes());
    if pdf.ends_with(b"\n") {
        out.push(b'\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(objects: &[&[u8]]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {}>>\nstartxref\n{xref}\n%%EOF",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn a_stream_ending_in_cr_gets_a_crlf_line_end_and_offsets_follow() {
        let a: &[u8] = b"<</Length 3>>\nstream\nab\r\nendstream";
        let b: &[u8] = b"<</Length 2>>\nstream\ncd\nendstream";
        let fixed = crlf_before_endstream(pdf(&[a, b]));
        let text = String::from_utf8_lossy(&fixed).into_owned();
        assert!(text.contains("stream\nab\r\r\nendstream"), "{text}");
        assert!(text.contains("stream\ncd\nendstream"), "{text}");
        // Every offset in the table points at its object.
        let xref = text.rfind("\nxref\n").unwrap() + 1;
        for (i, line) in text[xref..].lines().skip(3).take(2).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(
                text[off..].starts_with(&format!("{} 0 obj", i + 1)),
                "{line}"
            );
        }
        let start: usize = text[text.rfind("startxref").unwrap() + 9..]
            .trim()
            .trim_end_matches("%%EOF")
            .trim()
            .parse()
            .unwrap();
        assert_eq!(start, xref);
    }

    #[test]
    fn nothing_to_fix_leaves_the_bytes_alone() {
        let b: &[u8] = b"<</Length 2>>\nstream\ncd\nendstream";
        let original = pdf(&[b]);
        assert_eq!(crlf_before_endstream(original.clone()), original);
    }
}
