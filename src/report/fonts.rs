//! The fonts the report is set in, embedded in the binary: the PDF never depends on the fonts
//! of the machine it is made on.

/// Fonts embedded in the binary: Open Sans, then the fallbacks for other scripts and symbols
/// (licences and sizes in `report-templates/fonts/README.md`).
pub const FONTS: [&[u8]; 11] = [
    include_bytes!("../../report-templates/fonts/OpenSans-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/OpenSans-Italic.ttf"),
    include_bytes!("../../report-templates/fonts/OpenSans-Semibold.ttf"),
    include_bytes!("../../report-templates/fonts/OpenSans-Bold.ttf"),
    include_bytes!("../../report-templates/fonts/DejaVuSans.ttf"),
    include_bytes!("../../report-templates/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/NotoSansEthiopic-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/DroidSansFallbackFull.ttf"),
];
