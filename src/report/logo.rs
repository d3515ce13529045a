//! The organisation's logo, checked before it reaches Typst: what passes here renders.
//!
//! Typst reads the logo from bytes (`sys.inputs.logo`) with no file access, so a logo must be
//! one image in itself. Its format is found the way Typst finds it ([`ImageFormat::detect`]); a
//! raster image is decoded by Typst's own decoder and an SVG parsed by usvg, which Typst uses,
//! so a broken file is refused here in Dutch instead of failing in Typst in English. An SVG
//! that links another file (`<image href="logo.png">`, `file:`, an absolute path, a web
//! address) is refused: Typst would look for that file and fail, and a report must not depend on
//! files beside the config. Images inside the SVG as `data:` URLs are fine.

use typst::foundations::{Bytes, Smart};
use typst::visualize::{ImageFormat, RasterImage, VectorFormat};

/// The formats a logo may have, for messages.
const FORMATEN: &str = "PNG-, JPEG-, GIF-, WebP- of SVG-afbeelding";

/// Checks that `bytes` are a logo Typst can place: PNG, JPEG, GIF, WebP or SVG, readable, and
/// (an SVG) linking no other file. `Err` is one Dutch sentence, lowercase, for the front end
/// to put after the file's name or beside the logo field.
pub fn logo_controleren(bytes: &[u8]) -> std::result::Result<(), String> {
    if bytes.is_empty() {
        return Err(format!("het logo is leeg; kies een {FORMATEN}"));
    }
    match ImageFormat::detect(bytes) {
        Some(ImageFormat::Raster(format)) => {
            RasterImage::new(Bytes::new(bytes.to_vec()), format, Smart::Auto)
                .map(|_| ())
                .map_err(|_| {
                    format!(
                        "het logo is geen leesbare afbeelding (het begint als {}, maar de rest is beschadigd); sla het opnieuw op als PNG",
                        soort(bytes)
                    )
                })
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => svg(bytes),
        Some(ImageFormat::Vector(_)) => Err(format!(
            "het logo is een PDF; kies een {FORMATEN} (exporteer het logo als PNG of SVG)"
        )),
        None => Err(format!("het logo is geen {FORMATEN}")),
    }
}

/// The media type of a logo, as Typst detects its format (for a `data:` URL); `None` for a file
/// that is no logo ([`logo_controleren`] says why).
pub fn media_type(bytes: &[u8]) -> Option<&'static str> {
    use typst::visualize::{ExchangeFormat, RasterFormat};
    Some(match ImageFormat::detect(bytes)? {
        ImageFormat::Raster(RasterFormat::Exchange(f)) => match f {
            ExchangeFormat::Png => "image/png",
            ExchangeFormat::Jpg => "image/jpeg",
            ExchangeFormat::Gif => "image/gif",
            ExchangeFormat::Webp => "image/webp",
        },
        ImageFormat::Vector(VectorFormat::Svg) => "image/svg+xml",
        _ => return None,
    })
}

/// The format a raster file announces, for the message.
fn soort(bytes: &[u8]) -> &'static str {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => "PNG",
        [0xFF, 0xD8, ..] => "JPEG",
        [b'G', b'I', b'F', ..] => "GIF",
        _ => "afbeelding",
    }
}

fn svg(bytes: &[u8]) -> std::result::Result<(), String> {
    let linked = std::sync::Mutex::new(None::<String>);
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            // Called for every href that is not a data: URL: a file or an address.
            resolve_string: Box::new(|href, _| {
                let mut l = linked.lock().unwrap_or_else(|e| e.into_inner());
                l.get_or_insert_with(|| href.to_string());
                None
            }),
        },
        ..Default::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options);
    drop(options);
    if let Err(e) = tree {
        let waarom = match e {
            usvg::Error::NotAnUtf8Str => "het is geen UTF-8-tekst",
            usvg::Error::MalformedGZip => "het is niet goed gecomprimeerd",
            usvg::Error::ElementsLimitReached => "het heeft te veel elementen",
            usvg::Error::InvalidSize => "breedte, hoogte of viewBox ontbreekt of is ongeldig",
            usvg::Error::ParsingFailed(_) => "de XML klopt niet",
        };
        return Err(format!(
            "het logo is een SVG-bestand dat niet te lezen is: {waarom}"
        ));
    }
    match linked.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(href) => Err(format!(
            "het logo is een SVG dat een ander bestand gebruikt (\"{}\"); het verslag kan alleen een SVG met alles erin gebruiken: sla het logo op als PNG, of neem de afbeelding op in de SVG",
            crate::register::issue::shorten(&href)
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 PNG.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60,
        0x60, 0x60, 0xF8, 0x0F, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5F, 0xE5, 0xC3, 0x4B, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#2b5c8a"/></svg>"##;

    #[test]
    fn real_images_pass() {
        assert_eq!(logo_controleren(PNG), Ok(()));
        assert_eq!(logo_controleren(SVG.as_bytes()), Ok(()));
        // An image inside the SVG as a data: URL is part of the file.
        let inline = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><image width="20" height="10" href="data:image/png;base64,{}"/></svg>"#,
            base64(PNG)
        );
        assert_eq!(logo_controleren(inline.as_bytes()), Ok(()));
    }

    #[test]
    fn a_file_that_is_no_image_is_refused_in_dutch() {
        assert_eq!(
            logo_controleren(b"dit is tekst met de naam logo.png"),
            Err("het logo is geen PNG-, JPEG-, GIF-, WebP- of SVG-afbeelding".into())
        );
        assert!(
            logo_controleren(b"")
                .unwrap_err()
                .starts_with("het logo is leeg")
        );
        // A PNG signature with nothing valid after it.
        let mut broken = PNG[..16].to_vec();
        broken.extend_from_slice(&[0; 40]);
        let m = logo_controleren(&broken).unwrap_err();
        assert!(
            m.starts_with("het logo is geen leesbare afbeelding (het begint als PNG"),
            "{m}"
        );
        assert!(
            logo_controleren(b"%PDF-1.7\n...")
                .unwrap_err()
                .starts_with("het logo is een PDF")
        );
    }

    #[test]
    fn an_svg_that_links_a_file_is_refused() {
        for href in [
            "/abs/x.png",
            "file:///etc/passwd",
            "logo.png",
            "https://example.org/x.png",
        ] {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="10"><image width="20" height="10" xlink:href="{href}"/></svg>"#
            );
            let m = logo_controleren(svg.as_bytes()).unwrap_err();
            assert!(
                m.starts_with(&format!(
                    "het logo is een SVG dat een ander bestand gebruikt (\"{href}\")"
                )),
                "{m}"
            );
        }
    }

    #[test]
    fn a_broken_svg_is_refused() {
        let m = logo_controleren(br#"<svg xmlns="http://www.w3.org/2000/svg" width="20"><rect"#)
            .unwrap_err();
        assert!(
            m.starts_with("het logo is een SVG-bestand dat niet te lezen is"),
            "{m}"
        );
    }

    fn base64(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in bytes.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for i in 0..4 {
                if i <= c.len() {
                    out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
