//! JSON Schemas generated from the Rust types, and validation of YAML values against them.
//! `mlqa schema --write` writes [`all`] to `schemas/`; a test fails when the two disagree.

use std::sync::LazyLock;

use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::config::Config;
use crate::export::types::KbExport;
use crate::model::{FrontMatter, Glossary, Resources, Spec};
use crate::report::Report;

/// What a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    Spec,
    Resources,
    Glossary,
    FrontMatter,
    Config,
    Report,
    Export,
}

impl SchemaKind {
    pub const ALL: [Self; 7] =
        [Self::Spec, Self::Resources, Self::Glossary, Self::FrontMatter, Self::Config, Self::Report, Self::Export];

    /// The file name under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Spec => "spec.schema.json",
            Self::Resources => "resources.schema.json",
            Self::Glossary => "glossary.schema.json",
            Self::FrontMatter => "front-matter.schema.json",
            Self::Config => "config.schema.json",
            Self::Report => "report.schema.json",
            Self::Export => "export.schema.json",
        }
    }

    pub fn schema(self) -> Value {
        let schema = match self {
            Self::Spec => schemars::schema_for!(Spec),
            Self::Resources => schemars::schema_for!(Resources),
            Self::Glossary => schemars::schema_for!(Glossary),
            Self::FrontMatter => schemars::schema_for!(FrontMatter),
            Self::Config => schemars::schema_for!(Config),
            Self::Report => schemars::schema_for!(Report),
            Self::Export => schemars::schema_for!(KbExport),
        };
        schema.to_value()
    }

    /// The schema as written to disk: pretty JSON with a final newline.
    pub fn render(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).expect("schemas serialize");
        text.push('\n');
        text
    }

    fn validator(self) -> &'static Validator {
        static SPEC: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::Spec));
        static RESOURCES: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::Resources));
        static GLOSSARY: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::Glossary));
        static FRONT_MATTER: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::FrontMatter));
        static CONFIG: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::Config));
        static REPORT: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::Report));
        static EXPORT: LazyLock<Validator> = LazyLock::new(|| compile(SchemaKind::Export));
        match self {
            Self::Spec => &SPEC,
            Self::Resources => &RESOURCES,
            Self::Glossary => &GLOSSARY,
            Self::FrontMatter => &FRONT_MATTER,
            Self::Config => &CONFIG,
            Self::Report => &REPORT,
            Self::Export => &EXPORT,
        }
    }

    /// Every way `value` breaks the schema, as (JSON pointer, problem).
    pub fn validate(self, value: &Value) -> Vec<SchemaError> {
        self.validator()
            .iter_errors(value)
            .map(|e| {
                let pointer = e.instance_path().as_str().to_owned();
                let problem = match e.kind() {
                    ValidationErrorKind::AdditionalProperties { unexpected } => {
                        Problem::UnknownFields(unexpected.clone())
                    }
                    ValidationErrorKind::Required { property } => {
                        Problem::MissingField(property.as_str().map_or_else(|| property.to_string(), str::to_owned))
                    }
                    _ => Problem::Invalid(e.to_string()),
                };
                SchemaError { pointer, problem }
            })
            .collect()
    }
}

fn compile(kind: SchemaKind) -> Validator {
    jsonschema::options().build(&kind.schema()).expect("generated schemas are valid JSON Schema")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// Where in the value, as a JSON pointer (empty for the root).
    pub pointer: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownFields(Vec<String>),
    MissingField(String),
    Invalid(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_are_located_and_classified() {
        let value = json!({"id": "Bad Id", "category": "x", "difficulty": "hard", "extra": 1});
        let mut errors = SchemaKind::FrontMatter.validate(&value);
        errors.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        assert!(
            errors.iter().any(|e| e.pointer.is_empty() && e.problem == Problem::UnknownFields(vec!["extra".into()]))
        );
        assert!(errors.iter().any(|e| e.pointer == "/difficulty"));
        assert!(errors.iter().any(|e| e.pointer == "/id"));
    }

    #[test]
    fn missing_fields_name_the_field() {
        let errors = SchemaKind::FrontMatter.validate(&json!({"id": "a", "difficulty": "core"}));
        assert_eq!(
            errors,
            vec![SchemaError { pointer: String::new(), problem: Problem::MissingField("category".into()) }]
        );
    }
}
