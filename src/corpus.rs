//! Labelled messages, as the training corpus and evaluation sets store them.
//!
//! JSON Lines, one message per line, with the contract's fields plus the
//! provenance (`source`). Emotion and risks may be absent (`null`) for
//! sources that do not label them — Bitext labels intents only — and such
//! rows then take part in intent training and evaluation only.

use crate::taxonomy::{Emotion, EntityKind, Intent, Language, Risk};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labeled {
    pub text: String,
    pub intent: Intent,
    #[serde(default)]
    pub language: Option<Language>,
    #[serde(default)]
    pub emotion: Option<Emotion>,
    #[serde(default)]
    pub risks: Option<Vec<Risk>>,
    #[serde(default)]
    pub entities: Vec<LabeledEntity>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabeledEntity {
    pub kind: EntityKind,
    pub text: String,
}

/// A corpus line that cannot be used, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{} line {}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for CorpusError {}

/// Reads one JSON Lines file; blank lines are skipped, any bad line is an error.
pub fn read_file(path: &Path) -> Result<Vec<Labeled>, CorpusError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| CorpusError {
        file: file.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    parse(&file, &text)
}

pub fn parse(file: &str, text: &str) -> Result<Vec<Labeled>, CorpusError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Labeled = serde_json::from_str(line).map_err(|e| CorpusError {
            file: file.to_string(),
            line: n + 1,
            message: e.to_string(),
        })?;
        out.push(row);
    }
    Ok(out)
}

/// Reads every `*.jsonl` file of a directory, in name order (for determinism).
pub fn read_dir(dir: &Path) -> Result<Vec<Labeled>, CorpusError> {
    let err = |message: String| CorpusError {
        file: dir.display().to_string(),
        line: 0,
        message,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| err(e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(err("no .jsonl files".into()));
    }
    let mut all = Vec::new();
    for p in paths {
        all.extend(read_file(&p)?);
    }
    Ok(all)
}
