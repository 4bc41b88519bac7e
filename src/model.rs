//! The learned models shipped inside the crate, and how `intentlens train`
//! makes them from `data/corpus/`.
//!
//! Three softmax models share one feature space ([`crate::features`]):
//! intent (17 classes), emotion (4) and language (the 14 Latin-script
//! contract languages; scripts decide the other five). Risks and entities stay rule-based — a threat of a chargeback
//! is a phrase a reviewer can read and a rule never forgets, and order
//! numbers have formats, not meanings. The files in `data/model/` are
//! generated: change the corpus, run `intentlens train`, commit both.

use crate::corpus::Labeled;
use crate::features;
use crate::lexicon::Lexicon;
use crate::linear::{self, Example, LinearModel, ModelError, TrainParams};
use crate::normalize::fold;
use crate::taxonomy::{Emotion, Intent, Language};
use std::sync::LazyLock;

/// The models an analysis uses; a missing one falls back to the rules.
#[derive(Debug, Clone, Default)]
pub struct Models {
    pub intent: Option<LinearModel>,
    pub emotion: Option<LinearModel>,
    pub language: Option<LinearModel>,
}

/// The languages the language model chooses among: those written in the
/// Latin script. The writing system alone settles zh, ja, ko, th and ar,
/// and `und` is decided by rules.
pub fn language_classes() -> Vec<Language> {
    Language::ALL
        .iter()
        .copied()
        .filter(|&l| crate::lang::is_latin(l))
        .collect()
}

fn ids<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&x| name(x)).collect()
}

impl Models {
    /// The models compiled into this build.
    pub fn builtin() -> &'static Models {
        static MODELS: LazyLock<Models> = LazyLock::new(|| {
            Models::from_bytes(
                include_bytes!("../data/model/intent.bin"),
                include_bytes!("../data/model/emotion.bin"),
                include_bytes!("../data/model/language.bin"),
            )
            .unwrap_or_else(|e| panic!("built-in {e}"))
        });
        &MODELS
    }

    /// The rule-based analyzer alone (the keyword baseline).
    pub fn none() -> &'static Models {
        static NONE: Models = Models {
            intent: None,
            emotion: None,
            language: None,
        };
        &NONE
    }

    /// Loads model files; an empty file means "no model".
    pub fn from_bytes(
        intent: &[u8],
        emotion: &[u8],
        language: &[u8],
    ) -> Result<Models, ModelError> {
        let load = |bytes: &[u8],
                    expected: Vec<&'static str>,
                    what: &str|
         -> Result<Option<LinearModel>, ModelError> {
            if bytes.is_empty() {
                return Ok(None);
            }
            let m = LinearModel::from_bytes(bytes)
                .map_err(|e| ModelError(format!("{what}: {}", e.0)))?;
            if m.classes != expected {
                return Err(ModelError(format!(
                    "{what}: classes {:?} do not match this build; retrain",
                    m.classes
                )));
            }
            Ok(Some(m))
        };
        Ok(Models {
            intent: load(intent, ids(Intent::ALL, Intent::as_str), "intent model")?,
            emotion: load(emotion, ids(Emotion::ALL, Emotion::as_str), "emotion model")?,
            language: load(
                language,
                ids(&language_classes(), Language::as_str),
                "language model",
            )?,
        })
    }
}

/// Feature ids of a message, exactly as the analyzer computes them.
pub fn message_features(text: &str) -> Vec<u32> {
    let own = crate::clean::buyer_words(text);
    let folded = fold(&own);
    let hits = Lexicon::builtin().hits(&folded);
    features::extract(&own, &folded, &hits)
}

/// Training examples weigh less when they come from a large outside source
/// (Bitext is thousands of templated English rows; buyers write otherwise).
fn source_weight(row: &Labeled) -> f32 {
    match row.source.as_deref() {
        Some(s) if s.starts_with("bitext") => 0.25,
        _ => 1.0,
    }
}

/// Minimum feature count of the emotion and language models.
const SMALL_MODEL_MIN_COUNT: u32 = 12;

/// Trains all three models on `rows`.
pub fn train(rows: &[Labeled], params: TrainParams) -> Models {
    let features: Vec<Vec<u32>> = rows.iter().map(|r| message_features(&r.text)).collect();
    let examples = |class: &dyn Fn(&Labeled) -> Option<usize>| -> Vec<Example> {
        rows.iter()
            .zip(&features)
            .filter_map(|(r, f)| {
                class(r).map(|c| Example {
                    features: f.clone(),
                    class: c,
                    weight: source_weight(r),
                })
            })
            .collect()
    };
    let langs = language_classes();
    let intent = linear::train(
        &ids(Intent::ALL, Intent::as_str),
        &examples(&|r| Some(r.intent.index())),
        params,
    );
    // Emotion and language need only frequent features (tone words, common
    // character n-grams): a higher bar keeps them small at no cost on dev.
    let frequent = TrainParams {
        min_count: params.min_count.max(SMALL_MODEL_MIN_COUNT),
        ..params
    };
    let emotion = linear::train(
        &ids(Emotion::ALL, Emotion::as_str),
        &examples(&|r| r.emotion.map(|e| e as usize)),
        frequent,
    );
    let language = linear::train(
        &ids(&langs, Language::as_str),
        &examples(&|r| r.language.and_then(|l| langs.iter().position(|&x| x == l))),
        frequent,
    );
    Models {
        intent: Some(intent),
        emotion: Some(emotion),
        language: Some(language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_models_load_with_the_contract_classes() {
        let m = Models::builtin();
        // An empty file would silently turn the product into the keyword baseline.
        assert!(
            m.intent.is_some() && m.emotion.is_some() && m.language.is_some(),
            "data/model/*.bin missing: run intentlens train"
        );
    }

    #[test]
    fn a_model_for_other_classes_is_refused() {
        let toy = linear::train(
            &["a", "b"],
            &[Example {
                features: vec![1],
                class: 0,
                weight: 1.0,
            }],
            TrainParams::default(),
        );
        let err = Models::from_bytes(&toy.to_bytes(), &[], &[]).unwrap_err();
        assert!(err.to_string().contains("do not match this build"), "{err}");
    }
}
