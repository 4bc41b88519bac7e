//! The JavaScript surface of the WebAssembly module: thin wrappers that
//! move plain objects across the boundary with `serde-wasm-bindgen`.
//! Compiled only for `wasm32`; everything it calls is tested natively.

use crate::adapters;
use crate::drafts::{self, DraftContext};
use crate::taxonomy::Analysis;
use crate::ui::{UiLanguage, UiStrings};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Plain JS objects (not `Map`s) for maps, so the glue can read `x.intent`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Analyses one message: the contract's JSON shape.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::analyze(text))
}

/// Analyses many messages at once (one boundary crossing per batch).
#[wasm_bindgen(js_name = analyzeBatch)]
pub fn analyze_batch(texts: JsValue) -> Result<JsValue, JsError> {
    let texts: Vec<String> = from_js(texts, "analyzeBatch expects an array of strings")?;
    to_js(&texts.iter().map(|t| crate::analyze(t)).collect::<Vec<_>>())
}

/// A reply draft for an analysed message.
#[wasm_bindgen]
pub fn draft(
    analysis: JsValue,
    context: JsValue,
    ui_language: JsValue,
) -> Result<JsValue, JsError> {
    let analysis: Analysis = from_js(analysis, "draft expects an analysis")?;
    let context: DraftContext = from_js(context, "draft expects a context object")?;
    let ui: UiLanguage = from_js(ui_language, "unknown UI language").unwrap_or_default();
    to_js(&drafts::draft(&analysis, &context, UiStrings::get(ui)))
}

/// Every string of a UI language (`"en"` or `"zh"`).
#[wasm_bindgen(js_name = uiStrings)]
pub fn ui_strings(ui_language: JsValue) -> Result<JsValue, JsError> {
    let ui: UiLanguage = from_js(ui_language, "unknown UI language").unwrap_or_default();
    to_js(UiStrings::get(ui))
}

/// The built-in adapter serving `url`, or `null`.
#[wasm_bindgen(js_name = adapterFor)]
pub fn adapter_for(url: &str) -> Result<JsValue, JsError> {
    to_js(&adapters::for_url(url))
}

/// All built-in adapters (for the popup's per-marketplace switches).
#[wasm_bindgen]
pub fn adapters() -> Result<JsValue, JsError> {
    to_js(adapters::builtin())
}
