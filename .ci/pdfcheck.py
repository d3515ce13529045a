"""Independent PDF/A-2a and PDF/UA-1 checks of the PDFs named on the command line.

Two checkers this project did not write: `page` (PyPI page-validation, a Rust validator that
passes the veraPDF and Isartor corpora) for PDF/A-2a and PDF/UA-1, and `pdfua` (PyPI, built on
pikepdf) for the machine-checkable part of PDF/UA-1 and WCAG 2.1. Exit 0 only when every file
passes both; every finding is printed.
"""

import subprocess
import sys

import page


def main(paths):
    failed = 0
    for path in paths:
        problems = []
        for profile in ("2a", "ua1"):
            report = page.validate_pdf(path, profile=profile)
            if not report.is_compliant:
                for f in report.failures:
                    problems.append(f"page {profile}: [{f.rule_id}] {f.message}")
        pdfua = subprocess.run(
            [sys.executable, "-m", "pdfua", "check", "--min-severity", "warning", path],
            capture_output=True,
            text=True,
        )
        if pdfua.returncode != 0:
            problems.append("pdfua: " + (pdfua.stdout + pdfua.stderr).strip())
        if problems:
            failed += 1
            print(f"{path}: NIET conform")
            for p in problems:
                print("  " + p)
        else:
            print(f"{path}: conform")
    if failed:
        print(f"{failed} van {len(paths)} PDF's niet conform")
        return 1
    print(f"{len(paths)} PDF's conform PDF/A-2a en PDF/UA-1")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
