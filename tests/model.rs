//! The shipped models are exactly what the committed corpus trains: a
//! forgotten retrain, or a corpus edit without one, fails here.

use intentlens::corpus;
use intentlens::linear::TrainParams;
use intentlens::model;
use std::path::Path;

#[test]
fn committed_models_are_reproduced_by_intentlens_train() {
    let rows = corpus::read_dir(Path::new("data/corpus/train")).unwrap_or_else(|e| panic!("{e}"));
    let trained = model::train(&rows, TrainParams::default());
    for (name, m) in [
        ("intent", &trained.intent),
        ("emotion", &trained.emotion),
        ("language", &trained.language),
    ] {
        let committed = std::fs::read(format!("data/model/{name}.bin")).unwrap();
        assert!(
            m.as_ref().unwrap().to_bytes() == committed,
            "data/model/{name}.bin differs from what data/corpus/train trains: run `cargo run --release -- train` and commit it"
        );
    }
}

#[test]
fn no_dev_message_is_in_the_training_split() {
    let train = corpus::read_dir(Path::new("data/corpus/train")).unwrap();
    let dev = corpus::read_dir(Path::new("data/corpus/dev")).unwrap();
    let train_texts: std::collections::HashSet<_> = train.iter().map(|r| r.text.as_str()).collect();
    let leaked: Vec<_> = dev
        .iter()
        .filter(|r| train_texts.contains(r.text.as_str()))
        .map(|r| &r.text)
        .collect();
    assert!(leaked.is_empty(), "dev messages also in train: {leaked:?}");
    assert!(
        dev.len() * 100 / (dev.len() + train.len()) >= 20,
        "the dev split is at least 20%"
    );
}

#[test]
fn the_held_out_sets_are_not_in_the_corpus() {
    let mut corpus_rows = corpus::read_dir(Path::new("data/corpus/train")).unwrap();
    corpus_rows.extend(corpus::read_dir(Path::new("data/corpus/dev")).unwrap());
    let texts: std::collections::HashSet<_> = corpus_rows.iter().map(|r| r.text.as_str()).collect();
    for held_out in ["tests/data/eval.jsonl", "tests/data/bitext/sample.jsonl"] {
        let rows = corpus::read_file(Path::new(held_out)).unwrap();
        let leaked: Vec<_> = rows
            .iter()
            .filter(|r| texts.contains(r.text.as_str()))
            .map(|r| &r.text)
            .collect();
        assert!(
            leaked.is_empty(),
            "{held_out} messages found in data/corpus: {leaked:?}"
        );
    }
}
