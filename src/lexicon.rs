//! Cue phrases: the data behind the rule-based scorer.
//!
//! Each language has one plain-text file in `data/lexicon/` that a reviewer
//! who does not read Rust can check: `[section]` headers naming a label and
//! `WEIGHT phrase` lines under them (see `data/README.md`). All languages are
//! compiled into one Aho-Corasick automaton, so a message is scanned once
//! whatever the number of cues, and code-mixed messages ("Kak, refund dong")
//! are read with every language's cues at the same time.

use crate::normalize::fold;
use crate::taxonomy::{Emotion, Intent, Language, Risk};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

/// The built-in cue files. Adding a language: write `data/lexicon/xx.txt`
/// and add it here; `tests::builtin_lexicons_parse_and_cover_every_label`
/// checks it. Languages with intent sections must cover all 17 intents;
/// every language covers every risk (a threat must be caught in any
/// language, while intents are learned by the model from the corpus).
const BUILTIN: &[(Language, &str)] = &[
    (Language::En, include_str!("../data/lexicon/en.txt")),
    (Language::Es, include_str!("../data/lexicon/es.txt")),
    (Language::Id, include_str!("../data/lexicon/id.txt")),
    (Language::Zh, include_str!("../data/lexicon/zh.txt")),
    (Language::Pt, include_str!("../data/lexicon/pt.txt")),
    (Language::De, include_str!("../data/lexicon/de.txt")),
    (Language::Fr, include_str!("../data/lexicon/fr.txt")),
    (Language::It, include_str!("../data/lexicon/it.txt")),
    (Language::Nl, include_str!("../data/lexicon/nl.txt")),
    (Language::Pl, include_str!("../data/lexicon/pl.txt")),
    (Language::Sv, include_str!("../data/lexicon/sv.txt")),
    (Language::Tr, include_str!("../data/lexicon/tr.txt")),
    (Language::Ar, include_str!("../data/lexicon/ar.txt")),
    (Language::Ja, include_str!("../data/lexicon/ja.txt")),
    (Language::Ko, include_str!("../data/lexicon/ko.txt")),
    (Language::Ms, include_str!("../data/lexicon/ms.txt")),
    (Language::Th, include_str!("../data/lexicon/th.txt")),
    (Language::Vi, include_str!("../data/lexicon/vi.txt")),
    (Language::Tl, include_str!("../data/lexicon/tl.txt")),
];

/// What a cue is evidence for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Intent(Intent),
    Emotion(Emotion),
    Risk(Risk),
}

impl Label {
    fn parse(section: &str) -> Option<Label> {
        if let Some(e) = section.strip_prefix("emotion:") {
            return e
                .parse()
                .ok()
                .filter(|e| *e != Emotion::Calm)
                .map(Label::Emotion);
        }
        if let Some(r) = section.strip_prefix("risk:") {
            return r.parse().ok().map(Label::Risk);
        }
        section.parse().ok().map(Label::Intent)
    }
}

/// One phrase of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub label: Label,
    pub weight: u8,
    pub language: Language,
    /// The phrase as folded for matching.
    pub phrase: String,
    /// `stem*`: the last word may continue (`reembols*` → "reembolsar").
    pub prefix: bool,
}

/// A cue found in a folded message, at byte offsets of the folded text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub cue: &'a Cue,
    pub start: usize,
    pub end: usize,
}

/// A mistake in a cue file, with the line to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub language: Language,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "data/lexicon/{}.txt line {}: {}",
            self.language, self.line, self.message
        )
    }
}

impl std::error::Error for LexiconError {}

/// All cues of all languages, ready to match.
pub struct Lexicon {
    cues: Vec<Cue>,
    automaton: AhoCorasick,
}

impl Lexicon {
    /// The cues compiled into the crate. The files are checked by the test
    /// suite, so a failure here is a build defect, not a user error.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
            let sources = BUILTIN.iter().map(|&(l, s)| (l, s));
            Lexicon::from_sources(sources).unwrap_or_else(|e| panic!("built-in lexicon: {e}"))
        });
        &LEXICON
    }

    /// Parses and compiles cue files.
    pub fn from_sources<'s>(
        sources: impl IntoIterator<Item = (Language, &'s str)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut cues = Vec::new();
        for (language, text) in sources {
            cues.extend(parse(language, text)?);
        }
        // A contiguous NFA: matches as fast as the DFA the builder would pick
        // for this many patterns, and builds in half the time — which is
        // the extension's start-up time after every service-worker restart.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(cues.iter().map(|c| c.phrase.as_str()))
            .expect("cue phrases are short literals");
        Ok(Lexicon { cues, automaton })
    }

    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// Every cue occurring in `folded` (the output of [`fold`]), overlapping
    /// matches included, each cue at most once.
    pub fn hits<'a>(&'a self, folded: &str) -> Vec<Hit<'a>> {
        let mut seen = vec![false; self.cues.len()];
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(folded) {
            let id = m.pattern().as_usize();
            let cue = &self.cues[id];
            if seen[id] || !at_word_boundaries(folded, m.start(), m.end(), cue) {
                continue;
            }
            seen[id] = true;
            hits.push(Hit {
                cue,
                start: m.start(),
                end: m.end(),
            });
        }
        hits
    }
}

/// Spaced languages match whole words; zh/ja/th match anywhere. A Latin cue
/// next to a Han character still counts ("退款refund"), because the boundary
/// test only looks for a continuation in the cue's own script.
fn at_word_boundaries(text: &str, start: usize, end: usize, cue: &Cue) -> bool {
    if cue.language.is_unspaced() {
        return true;
    }
    let continues = |edge: char, neighbour: Option<char>| match neighbour {
        None => false,
        Some(n) if edge.is_ascii_alphanumeric() => n.is_ascii_alphanumeric(),
        Some(n) => n.is_alphanumeric(),
    };
    let first = cue.phrase.chars().next().unwrap_or(' ');
    let last = cue.phrase.chars().next_back().unwrap_or(' ');
    !continues(first, text[..start].chars().next_back())
        && (cue.prefix || !continues(last, text[end..].chars().next()))
}

fn parse(language: Language, text: &str) -> Result<Vec<Cue>, LexiconError> {
    let error = |line: usize, message: String| LexiconError {
        language,
        line,
        message,
    };
    let mut label = None;
    let mut cues: Vec<Cue> = Vec::new();
    // (section, prefix, folded phrase) already seen: duplicates are errors.
    let mut seen: HashSet<(String, bool, String)> = HashSet::new();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            label = Some(Label::parse(section).ok_or_else(|| {
                error(
                    line_no,
                    format!(
                        "unknown section [{section}]; use an intent id, emotion:LEVEL or risk:ID"
                    ),
                )
            })?);
            continue;
        }
        let label = label.ok_or_else(|| error(line_no, "cue before the first [section]".into()))?;
        let (weight, phrase) = line
            .split_once(' ')
            .ok_or_else(|| error(line_no, format!("expected \"WEIGHT phrase\", got {line:?}")))?;
        let weight: u8 = weight
            .parse()
            .ok()
            .filter(|w| (1..=4).contains(w))
            .ok_or_else(|| error(line_no, format!("weight must be 1 to 4, got {weight:?}")))?;
        let (phrase, prefix) = match phrase.trim().strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (phrase.trim(), false),
        };
        let folded = fold(phrase);
        if folded.is_empty() {
            return Err(error(
                line_no,
                format!("phrase {phrase:?} has no letters or digits"),
            ));
        }
        if !seen.insert((format!("{label:?}"), prefix, folded.clone())) {
            return Err(error(
                line_no,
                format!("duplicate phrase {phrase:?} in this section"),
            ));
        }
        cues.push(Cue {
            label,
            weight,
            language,
            phrase: folded,
            prefix,
        });
    }
    Ok(cues)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(text: &str) -> Lexicon {
        Lexicon::from_sources([(Language::En, text)]).unwrap()
    }

    fn matched(lex: &Lexicon, message: &str) -> Vec<String> {
        lex.hits(&fold(message))
            .iter()
            .map(|h| h.cue.phrase.clone())
            .collect()
    }

    #[test]
    fn builtin_lexicons_parse_and_cover_every_label() {
        let lex = Lexicon::builtin();
        assert_eq!(BUILTIN.len(), 19, "one cue file per contract language");
        for &(language, _) in BUILTIN {
            let has = |label| {
                lex.cues()
                    .iter()
                    .any(|c| c.language == language && c.label == label)
            };
            if Intent::ALL.iter().any(|&i| has(Label::Intent(i))) {
                for &intent in Intent::ALL {
                    assert!(
                        has(Label::Intent(intent)),
                        "{language} has intent cues but none for {intent}"
                    );
                }
            }
            for &risk in Risk::ALL {
                assert!(
                    has(Label::Risk(risk)),
                    "{language} has no cue for risk {risk}"
                );
            }
        }
    }

    #[test]
    fn matches_whole_words_and_prefixes_only() {
        let lex = lexicon("[refund_request]\n3 refund*\n2 money back\n[other]\n1 hi\n");
        assert_eq!(
            matched(&lex, "REFUNDED yet? I want my Money-Back"),
            ["refund", "money back"]
        );
        assert!(
            matched(&lex, "this is a think piece").is_empty(),
            "'hi' inside 'this' is not a word"
        );
        assert_eq!(matched(&lex, "退款refund"), ["refund"]);
    }

    #[test]
    fn unspaced_languages_match_substrings() {
        let lex = Lexicon::from_sources([(Language::Zh, "[refund_request]\n3 退款\n")]).unwrap();
        assert_eq!(matched(&lex, "我要退款！"), ["退款"]);
    }

    #[test]
    fn errors_name_the_file_line_and_fix() {
        let err = Lexicon::from_sources([(Language::Es, "[refund]\n3 reembolso\n")])
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "data/lexicon/es.txt line 1: unknown section [refund]; use an intent id, emotion:LEVEL or risk:ID"
        );
        let err = Lexicon::from_sources([(Language::Es, "[other]\n9 hola\n")])
            .err()
            .unwrap();
        assert!(err.to_string().contains("line 2: weight must be 1 to 4"));
        let err = Lexicon::from_sources([(Language::Es, "[other]\n1 hola\n2 Hola\n")])
            .err()
            .unwrap();
        assert!(err.to_string().contains("line 3: duplicate phrase"));
    }
}
