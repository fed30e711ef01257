use mlqa_core::report::{REPORT_VERSION, Report, ReportDiagnostic, ReportRelated, Summary};

use super::View;

pub fn report(view: &View<'_>) -> Report {
    let (answered, questions) = view.coverage.map_or_else(
        || {
            let c = mlqa_core::coverage::Coverage::of(view.ws);
            (c.answered(), c.questions())
        },
        |c| (c.answered(), c.questions()),
    );
    Report {
        version: REPORT_VERSION,
        summary: Summary {
            errors: view.errors(),
            warnings: view.warnings(),
            files: view.ws.file_count(),
            answered,
            questions,
        },
        diagnostics: view
            .diagnostics
            .iter()
            .map(|d| ReportDiagnostic {
                rule: d.rule.name().to_owned(),
                family: d.rule.family().name().to_owned(),
                severity: severity(d.severity).to_owned(),
                message: d.message.clone(),
                help: d.help.clone(),
                location: view.location(&d.file, d.range),
                related: d
                    .related
                    .iter()
                    .map(|r| ReportRelated { message: r.message.clone(), location: view.location(&r.file, r.range) })
                    .collect(),
                fix: view.fix(d),
            })
            .collect(),
    }
}

pub fn severity(s: mlqa_core::Severity) -> &'static str {
    match s {
        mlqa_core::Severity::Error => "error",
        mlqa_core::Severity::Warning => "warning",
    }
}

pub fn render(view: &View<'_>) -> String {
    let mut text = serde_json::to_string_pretty(&report(view)).expect("reports serialize");
    text.push('\n');
    text
}
