//! What the seller reads: label names and advice in the seller's UI language.
//!
//! The extension's badges, panel and popup take their words from here (via
//! the WebAssembly module), so every string a seller sees has one home,
//! `data/ui/<lang>.json`, reviewed like the other data files.

use crate::taxonomy::{Analysis, Emotion, Intent, Language, Risk};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Languages the extension's own interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UiLanguage {
    #[default]
    En,
    Zh,
}

impl UiLanguage {
    pub const ALL: [UiLanguage; 2] = [UiLanguage::En, UiLanguage::Zh];
}

/// Every string of one UI language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UiStrings {
    pub intent: HashMap<Intent, String>,
    pub emotion: HashMap<Emotion, String>,
    pub risk: HashMap<Risk, String>,
    pub risk_advice: HashMap<Risk, String>,
    pub language: HashMap<Language, String>,
    /// Interface text of the extension (popup, panel, badge), by key.
    pub ui: HashMap<String, String>,
}

static STRINGS: LazyLock<HashMap<UiLanguage, UiStrings>> = LazyLock::new(|| {
    [
        (UiLanguage::En, include_str!("../data/ui/en.json")),
        (UiLanguage::Zh, include_str!("../data/ui/zh.json")),
    ]
    .into_iter()
    .map(|(lang, json)| {
        let strings =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("data/ui/{lang:?}.json: {e}"));
        (lang, strings)
    })
    .collect()
});

impl UiStrings {
    pub fn get(lang: UiLanguage) -> &'static UiStrings {
        &STRINGS[&lang]
    }

    fn text(&self, key: &str) -> String {
        self.ui.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Why a message must be answered by a person, most serious first.
    pub fn needs_person_reasons(&self, analysis: &Analysis) -> Vec<String> {
        let mut reasons: Vec<String> = analysis
            .risks
            .iter()
            .map(|r| self.risk_advice[r].clone())
            .collect();
        if analysis.emotion == Emotion::Angry {
            reasons.push(self.text("advice_angry"));
        }
        if analysis.confidence < crate::NEEDS_HUMAN_BELOW {
            reasons.push(self.text("advice_unsure"));
        }
        reasons
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_language_names_every_label_and_has_the_same_keys() {
        let en = UiStrings::get(UiLanguage::En);
        for lang in UiLanguage::ALL {
            let s = UiStrings::get(lang);
            assert!(
                Intent::ALL.iter().all(|i| s.intent.contains_key(i)),
                "{lang:?} intents"
            );
            assert!(
                Emotion::ALL.iter().all(|e| s.emotion.contains_key(e)),
                "{lang:?} emotions"
            );
            assert!(Risk::ALL
                .iter()
                .all(|r| s.risk.contains_key(r) && s.risk_advice.contains_key(r)));
            assert!(
                Language::ALL.iter().all(|l| s.language.contains_key(l)),
                "{lang:?} languages"
            );
            let mut keys: Vec<_> = s.ui.keys().collect();
            let mut en_keys: Vec<_> = en.ui.keys().collect();
            keys.sort();
            en_keys.sort();
            assert_eq!(keys, en_keys, "{lang:?} ui keys differ from English");
        }
    }

    #[test]
    fn reasons_say_what_to_do() {
        let a = crate::analyze("I will file a chargeback with my bank, you scammers");
        let reasons = UiStrings::get(UiLanguage::Zh).needs_person_reasons(&a);
        assert!(!reasons.is_empty());
        assert!(
            reasons.iter().all(|r| !r.is_ascii()),
            "Chinese UI gets Chinese reasons: {reasons:?}"
        );
    }
}
