//! Measuring the analyzer against labelled messages (`intentlens eval`).
//!
//! One report type serves the CLI (text or `--json`), the regression tests
//! and the closing notes, so every figure quoted anywhere is computed the
//! same way.

use crate::corpus::Labeled;
use crate::taxonomy::{Analysis, Intent, Language, Risk};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Serialize, Default)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub messages: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_intent: BTreeMap<Intent, ClassScores>,
    /// Intent accuracy by the message's labelled language.
    pub per_language: BTreeMap<Language, f64>,
    pub per_language_support: BTreeMap<Language, usize>,
    pub language_id_accuracy: Option<f64>,
    /// `(expected, predicted, count)`, most frequent first.
    pub top_confusions: Vec<(Intent, Intent, usize)>,
    pub risk_precision: Option<f64>,
    pub risk_recall: Option<f64>,
    pub emotion_exact: Option<f64>,
    pub emotion_within_one: Option<f64>,
    /// Share of messages labelled with a risk that are sent to a person.
    pub risky_to_person: Option<f64>,
    pub entity_recall: Option<f64>,
}

fn ratio(hit: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| hit as f64 / total as f64)
}

/// Scores `predictions` (in the same order as `gold`).
pub fn report(gold: &[Labeled], predictions: &[Analysis]) -> Report {
    assert_eq!(gold.len(), predictions.len(), "one prediction per message");
    let mut tp: BTreeMap<Intent, usize> = BTreeMap::new();
    let mut predicted: BTreeMap<Intent, usize> = BTreeMap::new();
    let mut support: BTreeMap<Intent, usize> = BTreeMap::new();
    let mut lang_hits: BTreeMap<Language, (usize, usize)> = BTreeMap::new();
    let mut confusions: BTreeMap<(Intent, Intent), usize> = BTreeMap::new();
    let (mut lang_ok, mut lang_n) = (0, 0);
    let (mut risk_tp, mut risk_fp, mut risk_fn) = (0, 0, 0);
    let (mut emo_ok, mut emo_close, mut emo_n) = (0, 0, 0);
    let (mut risky_human, mut risky_n) = (0, 0);
    let (mut ent_found, mut ent_n) = (0, 0);
    let mut correct = 0;

    for (g, p) in gold.iter().zip(predictions) {
        *support.entry(g.intent).or_default() += 1;
        *predicted.entry(p.intent).or_default() += 1;
        let ok = g.intent == p.intent;
        if ok {
            correct += 1;
            *tp.entry(g.intent).or_default() += 1;
        } else {
            *confusions.entry((g.intent, p.intent)).or_default() += 1;
        }
        if let Some(lang) = g.language {
            let e = lang_hits.entry(lang).or_default();
            e.0 += usize::from(ok);
            e.1 += 1;
            lang_ok += usize::from(p.language == lang);
            lang_n += 1;
        }
        if let Some(risks) = &g.risks {
            for r in Risk::ALL {
                match (p.risks.contains(r), risks.contains(r)) {
                    (true, true) => risk_tp += 1,
                    (true, false) => risk_fp += 1,
                    (false, true) => risk_fn += 1,
                    _ => {}
                }
            }
            if !risks.is_empty() {
                risky_n += 1;
                risky_human += usize::from(p.needs_human);
            }
        }
        if let Some(e) = g.emotion {
            emo_n += 1;
            emo_ok += usize::from(p.emotion == e);
            emo_close += usize::from((p.emotion as i32 - e as i32).abs() <= 1);
        }
        for want in &g.entities {
            ent_n += 1;
            ent_found += usize::from(
                p.entities
                    .iter()
                    .any(|e| e.kind == want.kind && e.text == want.text),
            );
        }
    }

    let mut per_intent = BTreeMap::new();
    for &intent in Intent::ALL {
        let s = support.get(&intent).copied().unwrap_or(0);
        let t = tp.get(&intent).copied().unwrap_or(0);
        let pr = predicted.get(&intent).copied().unwrap_or(0);
        let precision = ratio(t, pr).unwrap_or(0.0);
        let recall = ratio(t, s).unwrap_or(0.0);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        if s > 0 || pr > 0 {
            per_intent.insert(
                intent,
                ClassScores {
                    precision,
                    recall,
                    f1,
                    support: s,
                },
            );
        }
    }
    let present: Vec<_> = per_intent.values().filter(|c| c.support > 0).collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().map(|c| c.f1).sum::<f64>() / present.len() as f64
    };
    let mut top: Vec<(Intent, Intent, usize)> = confusions
        .into_iter()
        .map(|((a, b), n)| (a, b, n))
        .collect();
    top.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    top.truncate(15);

    Report {
        messages: gold.len(),
        accuracy: ratio(correct, gold.len()).unwrap_or(0.0),
        macro_f1,
        per_intent,
        per_language: lang_hits
            .iter()
            .map(|(l, (h, n))| (*l, *h as f64 / *n as f64))
            .collect(),
        per_language_support: lang_hits.iter().map(|(l, (_, n))| (*l, *n)).collect(),
        language_id_accuracy: ratio(lang_ok, lang_n),
        top_confusions: top,
        risk_precision: ratio(risk_tp, risk_tp + risk_fp),
        risk_recall: ratio(risk_tp, risk_tp + risk_fn),
        emotion_exact: ratio(emo_ok, emo_n),
        emotion_within_one: ratio(emo_close, emo_n),
        risky_to_person: ratio(risky_human, risky_n),
        entity_recall: ratio(ent_found, ent_n),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |x: f64| format!("{:.1}%", 100.0 * x);
        let opt = |x: Option<f64>| x.map_or("n/a".to_string(), pct);
        writeln!(f, "messages            {}", self.messages)?;
        writeln!(f, "intent accuracy     {}", pct(self.accuracy))?;
        writeln!(f, "intent macro-F1     {:.3}", self.macro_f1)?;
        writeln!(f, "language ID         {}", opt(self.language_id_accuracy))?;
        writeln!(f, "risk precision      {}", opt(self.risk_precision))?;
        writeln!(f, "risk recall         {}", opt(self.risk_recall))?;
        writeln!(f, "risky → person      {}", opt(self.risky_to_person))?;
        writeln!(f, "emotion exact       {}", opt(self.emotion_exact))?;
        writeln!(f, "emotion within one  {}", opt(self.emotion_within_one))?;
        writeln!(f, "entity recall       {}", opt(self.entity_recall))?;
        writeln!(f, "\nper language (intent accuracy):")?;
        for (l, acc) in &self.per_language {
            writeln!(
                f,
                "  {l:<4} {:>6}  (n={})",
                pct(*acc),
                self.per_language_support[l]
            )?;
        }
        writeln!(f, "\nper intent            precision  recall     F1   n")?;
        for (i, c) in &self.per_intent {
            writeln!(
                f,
                "  {:<22} {:>7}  {:>6}  {:.3}  {}",
                i.as_str(),
                pct(c.precision),
                pct(c.recall),
                c.f1,
                c.support
            )?;
        }
        writeln!(f, "\ntop confusions (expected → predicted):")?;
        for (a, b, n) in &self.top_confusions {
            writeln!(f, "  {a} → {b}: {n}")?;
        }
        Ok(())
    }
}
