//! Native throughput of `analyze` on ~300-character buyer messages.
//!
//! `cargo bench --bench analyze` (criterion). The messages are built from
//! the held-out evaluation set, joined until each is about 300 characters,
//! so the mix of scripts and lengths is the product's. The target from the
//! classifier issue is ≥ 20,000 messages/s on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn messages() -> Vec<String> {
    let text =
        std::fs::read_to_string("tests/data/eval.jsonl").expect("run from the repository root");
    let texts: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for t in texts.iter().cycle().take(texts.len() * 3) {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(t);
        if current.chars().count() >= 300 {
            out.push(current.chars().take(300).collect());
            current.clear();
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let messages = messages();
    intentlens::analyze("warm up the lexicon and models");
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.bench_function("300-char messages", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(intentlens::analyze(black_box(m)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
