//! From one message to one [`Analysis`]: models, cues and rules combined.
//!
//! Only the buyer's own words are labelled ([`crate::clean`]); entities are
//! taken from the whole text.
//!
//! Intent: the learned model's logits plus a fraction of the cue scores (the
//! reviewed phrase lists cover what a small corpus has not seen), then the
//! contract's primary-intent rule (the action the seller must take first)
//! when the model sees evidence for both intents of a precedence pair.
//! Without a model the cue scores alone decide — the keyword baseline —
//! with `other` carrying a small prior so that a message with no usable cue
//! is `other` with low confidence, which sends it to a person.
//!
//! Emotion: the emotion model, raised to at least frustrated by any risk and
//! to angry by abuse. Risks: cue phrases only, a rule a reviewer can read.
//! Language: the writing system, then the Latin-script language model.

use crate::clean;
use crate::entities;
use crate::features;
use crate::lang;
use crate::lexicon::{Label, Lexicon};
use crate::linear::{argmax, softmax, LinearModel};
use crate::model::{self, Models};
use crate::normalize::fold;
use crate::taxonomy::{Analysis, Emotion, Intent, Language, Risk, ScoredIntent};

/// Below this top-intent probability the label is a guess: `needs_human`.
pub const NEEDS_HUMAN_BELOW: f32 = 0.45;

/// Softmax sharpness: one decisive cue (weight 4) alone gives ≈0.88.
const SHARPNESS: f32 = 1.2;

/// The score `other` starts with: beats one weak cue, loses to a typical one.
const OTHER_PRIOR: f32 = 1.5;

/// Added to the intent that the contract says comes first when two fit.
const PRECEDENCE_BONUS: f32 = 2.0;

/// `(first, over)`: when both have cues, the seller must act on `first`.
const PRECEDENCE: &[(Intent, Intent)] = {
    use Intent::*;
    &[
        (DamagedDefective, RefundRequest),
        (DamagedDefective, ReturnRequest),
        (WrongOrMissingItem, RefundRequest),
        (WrongOrMissingItem, ReturnRequest),
        (CancelOrder, OrderStatus),
        (CancelOrder, DeliveryProblem),
        (CancelOrder, RefundRequest),
        (DeliveryProblem, OrderStatus),
        (DeliveryProblem, RefundRequest),
        (ChangeAddress, OrderStatus),
        (ChangeOrder, ProductQuestion),
        (RefundRequest, Complaint),
    ]
};

/// Intents that only win when nothing more specific is asked: a thank-you
/// or a complaint wrapped around "where is my order" is an `order_status`.
const FALLBACKS: &[Intent] = &[Intent::Complaint, Intent::FeedbackThanks, Intent::Other];

/// Summed cue weight at which an emotion level or a risk is asserted.
const LEVEL_THRESHOLD: u32 = 2;

/// Analyses one buyer message with the built-in models.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(Models::builtin(), text)
}

/// Analyses one buyer message with `models` (a missing model falls back to
/// the cue scorer, which is also the keyword baseline of `intentlens eval`).
pub fn analyze_with(models: &Models, original: &str) -> Analysis {
    // Labels come from the buyer's own words; entities from the whole text.
    let own = clean::buyer_words(original);
    let text = own.as_str();
    let folded = fold(text);
    let hits = Lexicon::builtin().hits(&folded);

    let mut intent_scores = [0f32; Intent::COUNT];
    let mut emotion_scores = [0u32; 4];
    let mut risk_scores = [0u32; 5];
    for hit in &hits {
        let w = hit.cue.weight;
        match hit.cue.label {
            Label::Intent(i) => intent_scores[i.index()] += f32::from(w),
            Label::Emotion(e) => emotion_scores[e as usize] += u32::from(w),
            Label::Risk(r) => risk_scores[r as usize] += u32::from(w),
        }
    }
    let risks: Vec<Risk> = Risk::ALL
        .iter()
        .copied()
        .filter(|&r| risk_scores[r as usize] >= LEVEL_THRESHOLD)
        .collect();

    let features = features::extract(text, &folded, &hits);
    let intents = match &models.intent {
        Some(model) => {
            // The model's evidence plus the reviewed cue phrases' (the cue
            // lists cover what a small corpus has not seen yet).
            let mut logits = model.logits(&features);
            for (l, s) in logits.iter_mut().zip(keyword_logits(intent_scores)) {
                *l += KEYWORD_BLEND * s;
            }
            let mut p = softmax(&logits);
            apply_primary_rule(&mut p);
            rank(&p)
        }
        None => rank(&softmax(&keyword_logits(intent_scores))),
    };
    let emotion = match &models.emotion {
        Some(model) => {
            let p = softmax(&model.logits(&features));
            let best = argmax(&p);
            with_risk_floor(Emotion::ALL[best], &risks)
        }
        None => emotion(text, emotion_scores, &risks),
    };
    let language = match (lang::script(text), &models.language) {
        (lang::Script::Decided(l), _) => l,
        (lang::Script::NoLetters, _) => Language::Und,
        (lang::Script::Latin, None) => lang::detect(text),
        (lang::Script::Latin, Some(model)) => latin_language(text, model, &features),
    };
    let confidence = intents[0].score;
    Analysis {
        intent: intents[0].intent,
        confidence,
        needs_human: !risks.is_empty()
            || emotion == Emotion::Angry
            || confidence < NEEDS_HUMAN_BELOW,
        intents,
        language,
        emotion,
        risks,
        entities: entities::extract(original),
    }
}

/// The language model decides among Latin-script languages; a message
/// whose words it cannot place (an order number with letters, a brand) and
/// that has no frequent word of any language is `und`.
fn latin_language(text: &str, model: &LinearModel, features: &[u32]) -> Language {
    let classes = model::language_classes();
    let p = softmax(&model.logits(features));
    let words = lang::word_scores(text);
    let best = argmax(&p);
    if words.iter().all(|&w| w == 0) && p[best] < 0.5 {
        return Language::Und;
    }
    classes[best]
}

fn rank(probabilities: &[f32]) -> Vec<ScoredIntent> {
    let mut ranked: Vec<ScoredIntent> = Intent::ALL
        .iter()
        .map(|&intent| ScoredIntent {
            intent,
            score: round3(probabilities[intent.index()]),
        })
        .collect();
    // Stable sort: equal scores keep contract order, so output is deterministic.
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    ranked
}

/// Someone who threatens a claim is at least frustrated; insults are anger.
fn with_risk_floor(mut level: Emotion, risks: &[Risk]) -> Emotion {
    if !risks.is_empty() {
        level = level.max(Emotion::Frustrated);
    }
    if risks.contains(&Risk::Abusive) {
        level = Emotion::Angry;
    }
    level
}

/// A cue that fired on a message: what the scorer saw ("why this label").
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CueMatch {
    /// `order_status`, `emotion:angry`, `risk:chargeback`…
    pub label: String,
    pub phrase: String,
    pub weight: u8,
    pub language: crate::Language,
}

/// The cues found in the buyer's own words of `text`, in order of appearance.
pub fn cues(text: &str) -> Vec<CueMatch> {
    let folded = fold(&clean::buyer_words(text));
    let mut hits = Lexicon::builtin().hits(&folded);
    hits.sort_by_key(|h| h.start);
    hits.into_iter()
        .map(|h| CueMatch {
            label: match h.cue.label {
                Label::Intent(i) => i.to_string(),
                Label::Emotion(e) => format!("emotion:{e}"),
                Label::Risk(r) => format!("risk:{r}"),
            },
            phrase: h.cue.phrase.clone(),
            weight: h.cue.weight,
            language: h.cue.language,
        })
        .collect()
}

/// The contract's primary-intent rule on top of the model: when the model
/// ranks `over` first but also sees real evidence for an intent that takes
/// precedence over it ("broken, refund me"), the seller's first action wins.
/// The two swap probabilities, so the ranking still shows both.
fn apply_primary_rule(p: &mut [f32]) {
    let top = argmax(p);
    if let Some(&(first, _)) = PRECEDENCE
        .iter()
        .filter(|(first, over)| over.index() == top && p[first.index()] >= PRIMARY_EVIDENCE)
        .max_by(|a, b| p[a.0.index()].total_cmp(&p[b.0.index()]))
    {
        p.swap(first.index(), top);
    }
}

/// Probability at which the model is taken to have seen a second concern.
const PRIMARY_EVIDENCE: f32 = 0.25;

/// How much the cue scores count next to the model's logits.
const KEYWORD_BLEND: f32 = 0.3;

/// Cue scores with the precedence rule applied, as logits.
fn keyword_logits(mut scores: [f32; Intent::COUNT]) -> Vec<f32> {
    for &(first, over) in PRECEDENCE {
        if scores[first.index()] > 0.0 && scores[over.index()] > 0.0 {
            scores[first.index()] += PRECEDENCE_BONUS;
        }
    }
    let specific = Intent::ALL
        .iter()
        .any(|i| !FALLBACKS.contains(i) && scores[i.index()] >= 2.0);
    if specific {
        for f in FALLBACKS {
            scores[f.index()] *= 0.5;
        }
    }
    scores[Intent::Other.index()] += OTHER_PRIOR;

    scores.iter().map(|s| s * SHARPNESS).collect()
}

fn emotion(text: &str, mut scores: [u32; 4], risks: &[Risk]) -> Emotion {
    let (frustrated, angry, concerned) = (
        Emotion::Frustrated as usize,
        Emotion::Angry as usize,
        Emotion::Concerned as usize,
    );
    let letters: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic() && c.is_ascii())
        .collect();
    let capitals = letters.iter().filter(|c| c.is_ascii_uppercase()).count();
    if letters.len() >= 12 && capitals * 10 >= letters.len() * 7 {
        scores[frustrated] += 2; // shouting
    }
    if text.contains("!!!") || text.contains("！！！") {
        scores[frustrated] += 1;
    }
    for c in text.chars() {
        match c {
            '😡' | '🤬' | '😠' | '👿' | '🖕' => scores[angry] += 2,
            '😤' | '🙄' | '😒' => scores[frustrated] += 1,
            '😟' | '😥' | '😰' | '😢' | '🙏' | '😭' => scores[concerned] += 1,
            _ => {}
        }
    }
    let level = [Emotion::Angry, Emotion::Frustrated, Emotion::Concerned]
        .into_iter()
        .find(|&e| scores[e as usize] >= LEVEL_THRESHOLD)
        .unwrap_or(Emotion::Calm);
    with_risk_floor(level, risks)
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Language;

    #[test]
    fn scores_are_a_ranked_distribution_over_all_intents() {
        let a = analyze("Where is my order? I still have no tracking number");
        assert_eq!(a.intents.len(), Intent::COUNT);
        assert!(a.intents.windows(2).all(|w| w[0].score >= w[1].score));
        let total: f32 = a.intents.iter().map(|s| s.score).sum();
        assert!((total - 1.0).abs() < 0.01, "{total}");
        assert_eq!(a.confidence, a.intents[0].score);
    }

    #[test]
    fn no_words_is_other_in_no_language() {
        for text in ["", "🙂", "...", "!!!"] {
            let a = analyze(text);
            assert_eq!(
                (a.intent, a.language),
                (Intent::Other, Language::Und),
                "{text:?}"
            );
        }
    }

    #[test]
    fn needs_human_is_exactly_the_contract_rule() {
        // Any risk, an angry buyer, or a top score under the threshold.
        let eval = std::fs::read_to_string("tests/data/eval.jsonl").unwrap();
        let (mut low, mut total) = (0, 0);
        for line in eval.lines() {
            let text = serde_json::from_str::<serde_json::Value>(line).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string();
            let a = analyze(&text);
            let rule = !a.risks.is_empty()
                || a.emotion == Emotion::Angry
                || a.confidence < NEEDS_HUMAN_BELOW;
            assert_eq!(a.needs_human, rule, "{text:?}: {a:?}");
            low += usize::from(a.confidence < NEEDS_HUMAN_BELOW);
            total += 1;
        }
        assert!(
            low > 0 && low < total / 4,
            "the threshold is reached by some, not most: {low}/{total}"
        );
    }

    #[test]
    fn shouting_and_risk_raise_emotion_and_need_a_person() {
        let a = analyze("WHERE IS MY ORDER I PAID TWO WEEKS AGO");
        assert!(a.emotion >= Emotion::Frustrated, "{:?}", a.emotion);
        let a = analyze("Refund me now or I will open an A-to-z claim");
        assert!(a.risks.contains(&Risk::PlatformClaim));
        assert!(a.needs_human);
    }
}
