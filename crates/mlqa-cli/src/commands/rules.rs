//! `mlqa rules [NAME]`: the rules, and each one's explanation.

use mlqa_core::config::RuleLevel;
use mlqa_core::rules::{Family, FixAvailability};
use mlqa_core::{Rule, Selector};

use crate::cli::{ListFormat, RulesArgs};
use crate::{Failure, Outcome};

pub fn run(args: &RulesArgs) -> Result<Outcome, Failure> {
    let out = match &args.name {
        Some(name) => explain(name)?,
        None if args.format == ListFormat::Json => list_json(),
        None => list(),
    };
    print!("{out}");
    Ok(Outcome::Clean)
}

fn explain(name: &str) -> Result<String, Failure> {
    match Selector::parse(name) {
        Some(Selector::Rule(rule)) => {
            let m = rule.meta();
            Ok(format!(
                "# {} ({})\n\nFamily: {}. Default level: {}. Fix: {}.\n\n{}",
                m.name,
                m.summary,
                m.family.name(),
                level(m.default_level),
                fix(m.fix),
                m.explanation
            ))
        }
        Some(Selector::Family(f)) => Ok(family_listing(f)),
        _ => {
            let near = mlqa_core::rules::closest(name, Rule::ALL.iter().map(|r| r.name()));
            let hint = near.map_or_else(|| "`mlqa rules` lists them".to_owned(), |n| format!("did you mean `{n}`?"));
            Err(Failure::usage(format!("no rule named `{name}`; {hint}")))
        }
    }
}

fn list() -> String {
    Family::ALL.into_iter().map(family_listing).collect::<Vec<_>>().join("\n")
}

fn family_listing(family: Family) -> String {
    let mut out = format!("{} — {}\n", family.name(), family.description());
    for rule in Rule::ALL.iter().filter(|r| r.family() == family) {
        let m = rule.meta();
        let marker = match m.fix {
            FixAvailability::Safe | FixAvailability::Mixed => "[*]",
            FixAvailability::Unsafe => "[~]",
            FixAvailability::None => "   ",
        };
        out.push_str(&format!("  {:<24} {:<5} {marker} {}\n", m.name, level(m.default_level), m.summary));
    }
    out
}

fn list_json() -> String {
    let rules: Vec<_> = Rule::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "name": m.name, "family": m.family.name(), "default_level": level(m.default_level),
                "fix": fix(m.fix), "summary": m.summary, "explanation": m.explanation,
            })
        })
        .collect();
    format!("{}\n", serde_json::to_string_pretty(&rules).unwrap_or_default())
}

fn level(l: RuleLevel) -> &'static str {
    match l {
        RuleLevel::Error => "error",
        RuleLevel::Warn => "warn",
        RuleLevel::Off => "off",
    }
}

fn fix(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "none",
        FixAvailability::Safe => "safe",
        FixAvailability::Unsafe => "unsafe",
        FixAvailability::Mixed => "safe or unsafe",
    }
}
