//! What a rule reports: a finding with spans, labels, help and an optional fix.

use crate::source::Span;
use serde::Serialize;

pub use crate::registry::Severity;

/// Message languages. Every message exists in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// From `LC_ALL`, `LC_MESSAGES`, `LANG` (the first one set, as gettext does), when it
    /// names Korean or English. `C`, `POSIX` (most CI images and containers) or another
    /// language says nothing, and the config's `lang` decides.
    pub fn from_env() -> Option<Self> {
        let v = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))?;
        if v.starts_with("ko") {
            Some(Lang::Ko)
        } else if v.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A text in English and Korean.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

/// Builds a [`Text`] from two format strings: `t!("found {n}", "찾음: {n}")`.
#[macro_export]
macro_rules! t {
    ($en:expr, $ko:expr $(,)?) => {
        $crate::diagnostic::Text::new(format!($en), format!($ko))
    };
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Mechanical, cannot change meaning.
    Safe,
    /// Recomputed from other figures of the post: review before keeping.
    Unsafe,
    /// Shown as candidates, never applied: no tool can know which side is wrong.
    DisplayOnly,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: Span,
    pub content: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub title: Text,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: Text,
    pub labels: Vec<Label>,
    pub help: Option<Text>,
    pub fix: Option<Fix>,
    /// A label or fix in another file (cross-post findings).
    pub related: Vec<Related>,
    /// The finding rests on a guess about the post's structure, not on what the structure
    /// proves: shown only with `--preview` (config `preview: true`).
    pub guess: bool,
}

/// A span in another file, for findings that involve two posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: std::path::PathBuf,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub text: Text,
}

impl Diagnostic {
    pub fn new(meta: &crate::registry::RuleMeta, span: Span, message: Text) -> Self {
        Diagnostic {
            code: meta.code,
            name: meta.name,
            severity: meta.severity,
            span,
            message,
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
            guess: false,
        }
    }
    /// Mark the finding as resting on a guess (see [`Diagnostic::guess`]).
    pub fn guessed(mut self) -> Self {
        self.guess = true;
        self
    }
    pub fn label(mut self, span: Span, text: Text) -> Self {
        self.labels.push(Label { span, text });
        self
    }
    pub fn help(mut self, text: Text) -> Self {
        self.help = Some(text);
        self
    }
    pub fn fix(mut self, applicability: Applicability, title: Text, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            applicability,
            title,
            edits,
        });
        self
    }
    /// One replacement of `span` by `content`.
    pub fn replace(
        self,
        applicability: Applicability,
        title: Text,
        span: Span,
        content: String,
    ) -> Self {
        self.fix(applicability, title, vec![Edit { span, content }])
    }
}
