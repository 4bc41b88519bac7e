//! Reply drafts in the buyer's language, assembled from `data/templates/`.
//!
//! A draft is greeting + (apology, when the buyer is frustrated or angry) +
//! the intent's body + closing, in the seller's chosen tone. Slots such as
//! `{order_id}` are filled from the message's entities and from what the page
//! shows; a slot with no value stays a [`Segment::Gap`] that the panel shows
//! as a blank to fill, so a raw `{order_id}` can never reach a buyer.
//!
//! A message that needs a person gets no draft at all, only the reasons:
//! a template answer to an A-to-z claim or a threat is exactly what gets a
//! seller account penalised.

use crate::taxonomy::{Analysis, EntityKind, Intent, Language};
use crate::ui::UiStrings;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Built-in templates. Adding a language: write `data/templates/xx.json`
/// and add it here; the tests check every intent and tone is present.
const BUILTIN: &[(Language, &str)] = &[
    (Language::En, include_str!("../data/templates/en.json")),
    (Language::Es, include_str!("../data/templates/es.json")),
    (Language::Id, include_str!("../data/templates/id.json")),
    (Language::Zh, include_str!("../data/templates/zh.json")),
];

/// Drafts fall back to this language when the buyer's has no templates.
const FALLBACK: Language = Language::En;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Formal,
    #[default]
    Friendly,
}

/// A text in both tones.
#[derive(Debug, Clone, Deserialize)]
struct Toned {
    formal: String,
    friendly: String,
}

impl Toned {
    fn get(&self, tone: Tone) -> &str {
        match tone {
            Tone::Formal => &self.formal,
            Tone::Friendly => &self.friendly,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct TemplateSet {
    language: Language,
    greeting: Toned,
    apology: Toned,
    closing: Toned,
    intents: HashMap<Intent, Toned>,
}

static TEMPLATES: LazyLock<HashMap<Language, TemplateSet>> = LazyLock::new(|| {
    BUILTIN
        .iter()
        .map(|&(lang, json)| {
            let set: TemplateSet = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("data/templates/{lang}.json: {e}"));
            assert_eq!(
                set.language, lang,
                "data/templates/{lang}.json declares another language"
            );
            (lang, set)
        })
        .collect()
});

/// A value the template can use, by its `{name}` in the template text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    BuyerName,
    OrderId,
    TrackingNumber,
    Carrier,
    Item,
    SellerName,
    Signature,
}

impl Slot {
    const ALL: [Slot; 7] = [
        Slot::BuyerName,
        Slot::OrderId,
        Slot::TrackingNumber,
        Slot::Carrier,
        Slot::Item,
        Slot::SellerName,
        Slot::Signature,
    ];

    fn name(self) -> &'static str {
        match self {
            Slot::BuyerName => "buyer_name",
            Slot::OrderId => "order_id",
            Slot::TrackingNumber => "tracking_number",
            Slot::Carrier => "carrier",
            Slot::Item => "item",
            Slot::SellerName => "seller_name",
            Slot::Signature => "signature",
        }
    }
}

/// What the page and the seller's settings know beyond the message itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftContext {
    pub tone: Tone,
    pub buyer_name: Option<String>,
    pub order_id: Option<String>,
    pub tracking_number: Option<String>,
    pub carrier: Option<String>,
    pub item: Option<String>,
    pub seller_name: Option<String>,
    pub signature: Option<String>,
}

/// A piece of a draft: literal text or a slot still to be filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    Text { text: String },
    Gap { slot: Slot },
}

/// The panel's proposal for one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Draft {
    /// A reply to review and send; `missing` lists the gaps, in order.
    Ready {
        language: Language,
        segments: Vec<Segment>,
        missing: Vec<Slot>,
    },
    /// No template may be sent: why, in the seller's UI language.
    NeedsPerson { reasons: Vec<String> },
}

impl Draft {
    /// The draft as plain text, or `None` while gaps remain (or for
    /// messages that need a person): what "Insert" is allowed to use.
    pub fn ready_text(&self) -> Option<String> {
        match self {
            Draft::Ready {
                segments, missing, ..
            } if missing.is_empty() => Some(
                segments
                    .iter()
                    .map(|s| match s {
                        Segment::Text { text } => text.as_str(),
                        Segment::Gap { .. } => "",
                    })
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// Proposes a reply to the analysed message.
pub fn draft(analysis: &Analysis, context: &DraftContext, ui: &UiStrings) -> Draft {
    if analysis.needs_human {
        return Draft::NeedsPerson {
            reasons: ui.needs_person_reasons(analysis),
        };
    }
    let language = if TEMPLATES.contains_key(&analysis.language) {
        analysis.language
    } else {
        FALLBACK
    };
    let set = &TEMPLATES[&language];
    let tone = context.tone;
    let body = set
        .intents
        .get(&analysis.intent)
        .map(|t| t.get(tone))
        .unwrap_or_default();
    let mut parts = vec![set.greeting.get(tone)];
    if analysis.emotion >= crate::Emotion::Frustrated {
        parts.push(set.apology.get(tone));
    }
    parts.extend([body, set.closing.get(tone)]);
    let template = parts.join("\n\n");

    let entity = |kind| {
        analysis
            .entities
            .iter()
            .find(|e| e.kind == kind)
            .map(|e| e.text.clone())
    };
    let value = |slot: Slot| -> Option<String> {
        let v = match slot {
            Slot::BuyerName => context.buyer_name.clone(),
            Slot::OrderId => entity(EntityKind::OrderId).or_else(|| context.order_id.clone()),
            Slot::TrackingNumber => {
                entity(EntityKind::TrackingNumber).or_else(|| context.tracking_number.clone())
            }
            Slot::Carrier => context.carrier.clone(),
            Slot::Item => context.item.clone(),
            Slot::SellerName => context.seller_name.clone(),
            Slot::Signature => context
                .signature
                .clone()
                .or_else(|| context.seller_name.clone()),
        };
        v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    let segments = fill(&template, value);
    let mut missing = Vec::new();
    for s in &segments {
        if let Segment::Gap { slot } = s {
            if !missing.contains(slot) {
                missing.push(*slot);
            }
        }
    }
    Draft::Ready {
        language,
        segments,
        missing,
    }
}

/// Splits `template` at `{slot}` markers, filling those with a value.
fn fill(template: &str, value: impl Fn(Slot) -> Option<String>) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let slot = rest[open + 1..].find('}').and_then(|close| {
            Slot::ALL
                .into_iter()
                .find(|s| s.name() == &rest[open + 1..open + 1 + close])
        });
        text.push_str(&rest[..open]);
        match slot {
            Some(slot) => {
                match value(slot) {
                    Some(v) => text.push_str(&v),
                    None => {
                        segments.push(Segment::Text {
                            text: std::mem::take(&mut text),
                        });
                        segments.push(Segment::Gap { slot });
                    }
                }
                rest = &rest[open + slot.name().len() + 2..];
            }
            None => {
                text.push('{');
                rest = &rest[open + 1..];
            }
        }
    }
    text.push_str(rest);
    segments.push(Segment::Text { text });
    segments.retain(|s| !matches!(s, Segment::Text { text } if text.is_empty()));
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;
    use crate::ui::UiLanguage;

    fn ui() -> &'static UiStrings {
        UiStrings::get(UiLanguage::En)
    }

    #[test]
    fn every_language_has_every_intent_in_both_tones_with_known_slots() {
        for (lang, set) in TEMPLATES.iter() {
            for &intent in Intent::ALL {
                let t = set
                    .intents
                    .get(&intent)
                    .unwrap_or_else(|| panic!("{lang} lacks {intent}"));
                for text in [&t.formal, &t.friendly] {
                    let segments = fill(text, |_| None);
                    let raw: String = segments
                        .iter()
                        .filter_map(|s| {
                            if let Segment::Text { text } = s {
                                Some(text.as_str())
                            } else {
                                None
                            }
                        })
                        .collect();
                    assert!(
                        !raw.contains('{'),
                        "{lang} {intent}: unknown slot in {text:?}"
                    );
                    assert!(!text.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn fills_slots_from_entities_and_context_and_leaves_gaps_visible() {
        let a = analyze("Hi, where is my order 112-3456789-1234567? Thanks");
        assert!(!a.needs_human, "{a:?}");
        let ctx = DraftContext {
            buyer_name: Some("Ana".into()),
            signature: Some("Lucky Shop".into()),
            ..Default::default()
        };
        let Draft::Ready {
            language,
            segments,
            missing,
        } = draft(&a, &ctx, ui())
        else {
            panic!()
        };
        assert_eq!(language, Language::En);
        let text: String = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Text { text } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert!(
            text.contains("Ana") && text.contains("Lucky Shop"),
            "{text}"
        );
        assert!(!text.contains('{'), "{text}");
        // The page did not give a tracking number: a gap, and insert is blocked.
        assert!(missing.contains(&Slot::TrackingNumber), "{missing:?}");
        assert_eq!(draft(&a, &ctx, ui()).ready_text(), None);
    }

    #[test]
    fn buyer_language_is_used_and_unknown_ones_fall_back_to_english() {
        let ctx = DraftContext {
            buyer_name: Some("x".into()),
            signature: Some("y".into()),
            ..Default::default()
        };
        let mut a = analyze("Hola, ¿tienen la talla M en color negro?");
        a.needs_human = false;
        assert!(matches!(
            draft(&a, &ctx, ui()),
            Draft::Ready {
                language: Language::Es,
                ..
            }
        ));
        a.language = Language::Sv;
        assert!(matches!(
            draft(&a, &ctx, ui()),
            Draft::Ready {
                language: Language::En,
                ..
            }
        ));
    }

    #[test]
    fn needs_human_gets_reasons_instead_of_a_template() {
        let a = analyze("Where is my package?? I will open an A-to-z claim today");
        let Draft::NeedsPerson { reasons } = draft(&a, &DraftContext::default(), ui()) else {
            panic!()
        };
        assert!(reasons.iter().any(|r| r.contains("24 h")), "{reasons:?}");
    }

    #[test]
    fn upset_buyers_get_an_apology_first_and_calm_ones_do_not() {
        let mut a = analyze("Where is my order?");
        let ctx = DraftContext {
            buyer_name: Some("x".into()),
            signature: Some("y".into()),
            ..Default::default()
        };
        let apology = TEMPLATES[&Language::En].apology.friendly.clone();
        let text = |a: &Analysis| match draft(a, &ctx, ui()) {
            Draft::Ready { segments, .. } => format!("{segments:?}"),
            other => panic!("{other:?}"),
        };
        assert!(!text(&a).contains(&apology));
        a.emotion = crate::Emotion::Frustrated;
        assert!(text(&a).contains(&apology));
    }

    #[test]
    fn unknown_braces_stay_text() {
        assert_eq!(
            fill("a {x} b", |_| None),
            vec![Segment::Text {
                text: "a {x} b".into()
            }]
        );
        assert_eq!(
            fill("{order_id}!", |_| Some("1".into())),
            vec![Segment::Text { text: "1!".into() }]
        );
    }
}
