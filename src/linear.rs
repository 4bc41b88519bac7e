//! A linear classifier over hashed features: trained here, shipped here.
//!
//! Multinomial logistic regression is small, fast (one weight row per active
//! feature), deterministic to train, and its per-feature weights are a
//! faithful explanation of a label (for a later "why this label").
//! Training is plain AdaGrad with L2 regularisation over binary features
//! scaled to unit length, shuffled by a seeded SplitMix64 so that the same
//! corpus and seed give the same bytes.
//!
//! Shipped models are quantised to `i8` with one scale per model and keep
//! only the buckets with a non-zero weight, sorted, so inference is a binary
//! search per feature and the file is a fraction of the dense matrix.

use crate::features::BITS;
use std::fmt;

const MAGIC: &[u8; 4] = b"ILM1";

/// A trained, quantised model.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// Class ids in output order (validated against the taxonomy on load).
    pub classes: Vec<String>,
    bias: Vec<f32>,
    scale: f32,
    /// Sorted bucket ids that carry weights.
    rows: Vec<u32>,
    /// `rows.len() × classes.len()` quantised weights.
    weights: Vec<i8>,
    /// Bucket → row in O(1): one bit per bucket, and the number of set bits
    /// before each 64-bit word (a rank index; 48 KB for 2^18 buckets).
    present: Vec<u64>,
    rank: Vec<u32>,
}

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl LinearModel {
    fn new(
        classes: Vec<String>,
        bias: Vec<f32>,
        scale: f32,
        rows: Vec<u32>,
        weights: Vec<i8>,
    ) -> LinearModel {
        let words = (1usize << BITS) / 64;
        let mut present = vec![0u64; words];
        for &r in &rows {
            present[r as usize / 64] |= 1 << (r % 64);
        }
        let mut rank = Vec::with_capacity(words);
        let mut total = 0u32;
        for w in &present {
            rank.push(total);
            total += w.count_ones();
        }
        LinearModel {
            classes,
            bias,
            scale,
            rows,
            weights,
            present,
            rank,
        }
    }

    /// The weight row of a bucket, if it has one.
    fn row(&self, bucket: u32) -> Option<usize> {
        let (word, bit) = (bucket as usize / 64, bucket % 64);
        let bits = *self.present.get(word)?;
        (bits >> bit & 1 == 1)
            .then(|| (self.rank[word] + (bits & ((1u64 << bit) - 1)).count_ones()) as usize)
    }

    /// Raw scores (logits), one per class.
    pub fn logits(&self, features: &[u32]) -> Vec<f32> {
        let c = self.classes.len();
        let mut acc = vec![0i32; c];
        let mut active = 0usize;
        for &f in features {
            if let Some(row) = self.row(f) {
                for (a, &w) in acc.iter_mut().zip(&self.weights[row * c..(row + 1) * c]) {
                    *a += i32::from(w);
                }
            }
            active += 1;
        }
        let norm = if active == 0 {
            0.0
        } else {
            self.scale / (active as f32).sqrt()
        };
        acc.iter()
            .zip(&self.bias)
            .map(|(&a, &b)| a as f32 * norm + b)
            .collect()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.rows.len() * (4 + self.classes.len()));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        let names = self.classes.join(",");
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        out.extend_from_slice(names.as_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for b in &self.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out.extend_from_slice(&(self.rows.len() as u32).to_le_bytes());
        // Rows as deltas in LEB128: sorted ids compress to ~2 bytes each.
        let mut last = 0u32;
        for &r in &self.rows {
            let mut d = r - last;
            last = r;
            loop {
                let byte = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<LinearModel, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(ModelError("not an IntentLens model (bad magic)".into()));
        }
        let bits = r.u32()?;
        if bits != BITS {
            return Err(ModelError(format!(
                "trained with {bits}-bit features, this build uses {BITS}; retrain"
            )));
        }
        let len = r.u32()? as usize;
        let names = std::str::from_utf8(r.take(len)?)
            .map_err(|_| ModelError("class names are not UTF-8".into()))?;
        let classes: Vec<String> = names.split(',').map(str::to_string).collect();
        let scale = r.f32()?;
        let bias = (0..classes.len())
            .map(|_| r.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n);
        let mut last = 0u32;
        for _ in 0..n {
            let mut d = 0u32;
            let mut shift = 0;
            loop {
                let byte = r.take(1)?[0];
                d |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
                if shift > 28 {
                    return Err(ModelError("corrupt row index".into()));
                }
            }
            last = last
                .checked_add(d)
                .filter(|&x| x < 1 << BITS)
                .ok_or_else(|| ModelError("row out of range".into()))?;
            rows.push(last);
        }
        let weights = r
            .take(n * classes.len())?
            .iter()
            .map(|&b| b as i8)
            .collect();
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(LinearModel::new(classes, bias, scale, rows, weights))
    }

    /// Number of stored weight rows (for size reports).
    pub fn stored_rows(&self) -> usize {
        self.rows.len()
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| ModelError("truncated".into()))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
}

/// Index of the largest value (the first of equals); 0 for an empty slice.
pub fn argmax(values: &[f32]) -> usize {
    (0..values.len())
        .max_by(|&a, &b| values[a].total_cmp(&values[b]).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// Softmax of logits, in place order.
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::MIN, f32::max);
    let exp: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
    let total: f32 = exp.iter().sum();
    exp.iter().map(|e| e / total).collect()
}

/// Training settings. The defaults were chosen on the dev split.
#[derive(Debug, Clone, Copy)]
pub struct TrainParams {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Quantised weights with magnitude at or below this are dropped.
    pub prune: i8,
    /// Features seen in fewer training messages than this are not learned:
    /// a character n-gram of one message is noise, and dropping them is
    /// what makes the shipped model small.
    pub min_count: u32,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            epochs: 12,
            learning_rate: 0.5,
            l2: 1e-6,
            seed: 42,
            prune: 8,
            min_count: 5,
        }
    }
}

/// One training example: its features and class index.
pub struct Example {
    pub features: Vec<u32>,
    pub class: usize,
    /// How much this example counts (to balance sources).
    pub weight: f32,
}

/// Trains a softmax regression. Deterministic for a given input order and seed.
pub fn train(classes: &[&str], examples: &[Example], params: TrainParams) -> LinearModel {
    let c = classes.len();
    let buckets = 1usize << BITS;
    let mut w = vec![0f32; buckets * c];
    let mut g2 = vec![1e-8f32; buckets * c];
    let mut bias = vec![0f32; c];
    let mut bias_g2 = vec![1e-8f32; c];
    let mut count = vec![0u32; buckets];
    for ex in examples {
        for &f in &ex.features {
            count[f as usize] += 1;
        }
    }
    let kept: Vec<Vec<u32>> = examples
        .iter()
        .map(|ex| {
            ex.features
                .iter()
                .copied()
                .filter(|&f| count[f as usize] >= params.min_count)
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix64(params.seed);
    for _ in 0..params.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            let ex = &examples[i];
            // Scaled by all of the message's features, as at inference,
            // though only the kept ones carry weights.
            let x = if ex.features.is_empty() {
                0.0
            } else {
                1.0 / (ex.features.len() as f32).sqrt()
            };
            let mut logits = bias.clone();
            for &f in &kept[i] {
                let row = &w[f as usize * c..(f as usize + 1) * c];
                for (l, wv) in logits.iter_mut().zip(row) {
                    *l += wv * x;
                }
            }
            let p = softmax(&logits);
            for k in 0..c {
                let err = (p[k] - if k == ex.class { 1.0 } else { 0.0 }) * ex.weight;
                let gb = err;
                bias_g2[k] += gb * gb;
                bias[k] -= params.learning_rate * gb / bias_g2[k].sqrt();
                for &f in &kept[i] {
                    let idx = f as usize * c + k;
                    let g = err * x + params.l2 * w[idx];
                    g2[idx] += g * g;
                    w[idx] -= params.learning_rate * g / g2[idx].sqrt();
                }
            }
        }
    }
    quantise(classes, &w, bias, params.prune)
}

fn quantise(classes: &[&str], w: &[f32], bias: Vec<f32>, prune: i8) -> LinearModel {
    let c = classes.len();
    // The scale comes from a high percentile, not the maximum: a handful of
    // very large weights (cue features) would otherwise leave the thousands
    // of small ones with one or two quantisation steps; the few above are
    // clamped, which costs nothing measurable on the dev split.
    let mut magnitudes: Vec<f32> = w.iter().map(|v| v.abs()).filter(|&v| v > 0.0).collect();
    let scale = if magnitudes.is_empty() {
        1.0
    } else {
        let k = (magnitudes.len() as f64 * 0.999) as usize;
        let k = k.min(magnitudes.len() - 1);
        let (_, p, _) = magnitudes.select_nth_unstable_by(k, f32::total_cmp);
        *p / 127.0
    };
    let mut rows = Vec::new();
    let mut weights = Vec::new();
    for (bucket, row) in w.chunks(c).enumerate() {
        let q: Vec<i8> = row
            .iter()
            .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        let q: Vec<i8> = q
            .into_iter()
            .map(|v| if v.abs() <= prune { 0 } else { v })
            .collect();
        if q.iter().any(|&v| v != 0) {
            rows.push(bucket as u32);
            weights.extend(q);
        }
    }
    LinearModel::new(
        classes.iter().map(|s| s.to_string()).collect(),
        bias,
        scale,
        rows,
        weights,
    )
}

/// SplitMix64: a tiny, well-known generator; enough for shuffling.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Example> {
        (0..40)
            .map(|i| Example {
                features: vec![i % 2, 100 + i % 7],
                class: (i % 2) as usize,
                weight: 1.0,
            })
            .collect()
    }

    #[test]
    fn learns_a_separable_problem() {
        let m = train(&["a", "b"], &toy(), TrainParams::default());
        assert!(m.logits(&[0])[0] > m.logits(&[0])[1]);
        assert!(m.logits(&[1])[1] > m.logits(&[1])[0]);
    }

    #[test]
    fn training_is_deterministic_and_bytes_round_trip() {
        let a = train(&["a", "b"], &toy(), TrainParams::default());
        let b = train(&["a", "b"], &toy(), TrainParams::default());
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert_eq!(LinearModel::from_bytes(&a.to_bytes()).unwrap(), a);
    }

    #[test]
    fn argmax_picks_the_first_of_equal_maxima() {
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), 1);
        assert_eq!(argmax(&[0.5, 0.2, 0.5]), 0);
        assert_eq!(argmax(&[]), 0);
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let bytes = train(&["a", "b"], &toy(), TrainParams::default()).to_bytes();
        for cut in [0, 3, 8, 20, bytes.len() - 1] {
            assert!(
                LinearModel::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        assert!(LinearModel::from_bytes(b"XXXX").is_err());
    }
}
