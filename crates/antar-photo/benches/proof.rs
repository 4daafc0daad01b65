//! End-to-end proof making (decode → orient → resize → stamp → encode → hash) on one core,
//! for a 12 MP camera stand-in and the three real 4 MP photos.

#![allow(clippy::unwrap_used)]

mod common;

use std::hint::black_box;

use antar_photo::{ProofOptions, make_proof};
use criterion::{Criterion, criterion_group, criterion_main};

fn proof(c: &mut Criterion) {
    let options = ProofOptions::default();
    let stamp = common::stamp();
    let mut group = c.benchmark_group("make_proof");
    group.sample_size(30);
    let twelve = common::twelve_mp();
    group.bench_function("12mp_4000x3000", |b| {
        b.iter(|| make_proof(black_box(&twelve), &stamp, &options).unwrap())
    });
    for name in common::PHOTOS {
        let input = common::photo(name);
        group.bench_function(name, |b| {
            b.iter(|| make_proof(black_box(&input), &stamp, &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, proof);
criterion_main!(benches);
