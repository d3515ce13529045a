//! `klachtverslag controleer`: check the register, print every problem and a summary.

use std::process::ExitCode;

use super::*;

/// Runs `controleer`: exit 0 when clean or warnings only, 1 with errors.
pub(super) fn run(args: &InputArgs) -> Result<ExitCode> {
    let (settings, checked) = load(args, None, false)?;
    print_issues(&checked.issues);
    if let Some(&jaar) = checked.value.per_jaar().keys().next_back() {
        let periode = stats::Periode::jaar(jaar);
        let mut figures = stats::compute(&checked.value, periode, &settings.stats)?;
        print_small_cells(&figures, settings.stats.kleine_aantallen, true);
        // What the yearly report would still lack, item by item of the law.
        let regimes = crate::verslag::verantwoording(&checked.value, periode, &settings, &figures)?;
        for line in crate::verantwoording::waarschuwingen(&regimes) {
            eprintln!("{line}");
        }
        // The config's goals still without a result or status.
        crate::doelen::beoordeel(&settings.report.doelen, &mut figures)?;
        for line in crate::doelen::waarschuwingen(figures.doelen.as_ref()) {
            eprintln!("{line}");
        }
    }
    eprintln!("{}", checked.samenvatting());
    Ok(if checked.count(Severity::Fout) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
