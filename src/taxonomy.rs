//! The label contract of `shared/spec/taxonomy.md` as Rust types.
//!
//! Every id here is part of the public JSON contract: renaming a variant is a
//! breaking change for the extension, for stored corrections and for anyone
//! scripting `intentlens classify`. The serde names are therefore spelled out
//! by `rename_all` and checked by the tests at the bottom of this file.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Defines a fieldless enum whose variants have stable snake_case ids, with
/// `ALL`, `as_str`, `Display` and `FromStr` derived from one list so that the
/// id table cannot drift from the enum.
macro_rules! labels {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in contract order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id used in JSON and in data files.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownLabel;
            fn from_str(s: &str) -> Result<Self, UnknownLabel> {
                match s {
                    $($id => Ok($name::$variant),)+
                    _ => Err(UnknownLabel { kind: stringify!($name), value: s.to_string() }),
                }
            }
        }
    };
}

/// A label id that is not part of the contract (for example a typo in a data file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel {
    pub kind: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} label {:?}", self.kind, self.value)
    }
}

impl std::error::Error for UnknownLabel {}

labels! {
    /// What the buyer wants the seller to do first.
    Intent {
        OrderStatus = "order_status",
        DeliveryProblem = "delivery_problem",
        CancelOrder = "cancel_order",
        ChangeAddress = "change_address",
        ChangeOrder = "change_order",
        ReturnRequest = "return_request",
        RefundRequest = "refund_request",
        DamagedDefective = "damaged_defective",
        WrongOrMissingItem = "wrong_or_missing_item",
        ProductQuestion = "product_question",
        ShippingQuestion = "shipping_question",
        PaymentIssue = "payment_issue",
        InvoiceRequest = "invoice_request",
        DiscountRequest = "discount_request",
        Complaint = "complaint",
        FeedbackThanks = "feedback_thanks",
        Other = "other",
    }
}

labels! {
    /// How upset the buyer is. Ordered: `Calm < Concerned < Frustrated < Angry`.
    Emotion {
        Calm = "calm",
        Concerned = "concerned",
        Frustrated = "frustrated",
        Angry = "angry",
    }
}

labels! {
    /// A threat that makes a template reply dangerous.
    Risk {
        PlatformClaim = "platform_claim",
        Chargeback = "chargeback",
        NegativeReview = "negative_review",
        Legal = "legal",
        Abusive = "abusive",
    }
}

labels! {
    /// The 19 languages of the contract, plus `und` for "no signal".
    Language {
        En = "en", Es = "es", Pt = "pt", De = "de", Fr = "fr", It = "it",
        Nl = "nl", Pl = "pl", Sv = "sv", Tr = "tr", Ar = "ar", Ja = "ja",
        Ko = "ko", Zh = "zh", Id = "id", Ms = "ms", Th = "th", Vi = "vi",
        Tl = "tl", Und = "und",
    }
}

labels! {
    /// What an extracted span is.
    EntityKind {
        OrderId = "order_id",
        TrackingNumber = "tracking_number",
        Email = "email",
        Phone = "phone",
        Url = "url",
        Amount = "amount",
    }
}

impl Intent {
    /// Index into per-intent score arrays (`[f32; Intent::COUNT]`).
    pub fn index(self) -> usize {
        self as usize
    }
    pub const COUNT: usize = 17;
}

impl Language {
    /// Languages written without spaces between words, where cue phrases are
    /// matched as substrings instead of whole words.
    pub fn is_unspaced(self) -> bool {
        matches!(self, Language::Zh | Language::Ja | Language::Th)
    }
}

/// One extracted span. `start`/`end` count Unicode scalar values (Rust
/// `char`s, JavaScript code points), not bytes or UTF-16 units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One intent with its score in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoredIntent {
    pub intent: Intent,
    pub score: f32,
}

/// The analysis of one buyer message: exactly the JSON shape of the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub intent: Intent,
    pub confidence: f32,
    /// All 17 intents, best first; scores sum to 1.
    pub intents: Vec<ScoredIntent>,
    pub language: Language,
    pub emotion: Emotion,
    pub risks: Vec<Risk>,
    pub needs_human: bool,
    pub entities: Vec<Entity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_json_and_from_str() {
        for &i in Intent::ALL {
            let json = serde_json::to_string(&i).unwrap();
            assert_eq!(json, format!("\"{}\"", i.as_str()));
            assert_eq!(i.as_str().parse::<Intent>().unwrap(), i);
        }
        assert_eq!(Intent::ALL.len(), Intent::COUNT);
        assert_eq!(Language::ALL.len(), 20, "19 languages and und");
        assert!(Emotion::Calm < Emotion::Concerned && Emotion::Frustrated < Emotion::Angry);
    }

    #[test]
    fn unknown_label_names_the_kind_and_value() {
        let err = "refund".parse::<Intent>().unwrap_err();
        assert_eq!(err.to_string(), "unknown Intent label \"refund\"");
    }

    #[test]
    fn contract_ids_match_the_spec_table() {
        let ids: Vec<_> = Intent::ALL.iter().map(|i| i.as_str()).collect();
        assert_eq!(
            ids.join(" "),
            "order_status delivery_problem cancel_order change_address change_order return_request \
             refund_request damaged_defective wrong_or_missing_item product_question shipping_question \
             payment_issue invoice_request discount_request complaint feedback_thanks other"
        );
    }
}
