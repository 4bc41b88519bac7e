//! IntentLens: on-device triage of marketplace buyer messages.
//!
//! A seller who sells abroad gets messages in a dozen languages. For each one
//! this crate answers, without anything leaving the machine: what does the
//! buyer want first ([`Intent`]), in which language, how upset they are
//! ([`Emotion`]), whether they threaten a claim, chargeback, bad review or
//! lawyer ([`Risk`]), whether a person must read it (`needs_human`), and
//! which order numbers, tracking numbers, contacts and amounts it mentions.
//! It also proposes a reply in the buyer's language ([`drafts`]).
//!
//! ```
//! // "It arrived broken, refund me": the seller acts on the damage first.
//! let a = intentlens::analyze("Kak, barangnya pecah pas sampai, mau refund dong");
//! assert_eq!(a.intent, intentlens::Intent::DamagedDefective);
//! assert_eq!(a.language, intentlens::Language::Id);
//! ```
//!
//! # Design
//!
//! The knowledge lives in data files that a reviewer can read without Rust —
//! cue phrases per language (`data/lexicon/`), reply templates
//! (`data/templates/`), interface strings (`data/ui/`) and seller-center
//! adapters (`data/adapters/`) — compiled into the library so that the
//! WebAssembly module is self-contained. The modules are small and pure:
//! [`clean`] cuts quoted replies and signatures, [`normalize`] folds text, [`lexicon`] finds cues, [`lang`] identifies the
//! language, [`entities`] extracts identifiers, [`analyze`] combines them,
//! [`drafts`] writes replies and [`adapters`] describes seller-center pages.
//! The only browser-aware code is the `wasm` module, compiled for
//! `wasm32` targets alone; the extension's JavaScript stays glue.
//!
//! The contract of the output (ids and JSON shape) is
//! `shared/spec/taxonomy.md`; [`taxonomy`] mirrors it type for type.

pub mod adapters;
mod analyze;
pub mod clean;
pub mod corpus;
pub mod drafts;
pub mod entities;
pub mod evaluate;
pub mod features;
pub mod lang;
pub mod lexicon;
pub mod linear;
pub mod model;
pub mod normalize;
pub mod taxonomy;
pub mod ui;

#[cfg(target_family = "wasm")]
mod wasm;

pub use analyze::{analyze, analyze_with, cues, CueMatch, NEEDS_HUMAN_BELOW};
pub use taxonomy::{Analysis, Emotion, Entity, EntityKind, Intent, Language, Risk, ScoredIntent};
