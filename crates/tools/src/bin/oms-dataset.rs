//! Writes a synthetic dataset shaped like the study's (for the builder's benchmark and tests; never
//! shipped).
//!
//! oms-dataset --models N --weeks W --out FILE [--order time|model|scrambled] [--seed S]

use oms_tools::synth::{self, Order, Shape};

const HELP: &str =
    "usage: oms-dataset --models N --weeks W --out FILE [--order time|model|scrambled] [--seed S]
  about N x W / 7 rows: one per model per week from the model's first week (skewed late)";

fn main() {
    std::process::exit(run(&std::env::args().skip(1).collect::<Vec<_>>()));
}

fn run(args: &[String]) -> i32 {
    let mut shape = Shape::new(0, 0);
    let mut order = Order::Time;
    let mut out: Option<&str> = None;
    let mut pairs = args.chunks(2);
    for pair in &mut pairs {
        let [flag, value] = pair else {
            eprintln!("{HELP}");
            return 2;
        };
        let ok = match flag.as_str() {
            "--models" => value.parse().map(|n| shape.models = n).is_ok(),
            "--weeks" => value.parse().map(|n| shape.weeks = n).is_ok(),
            "--seed" => value.parse().map(|n| shape.seed = n).is_ok(),
            "--order" => Order::parse(value).map(|o| order = o).is_some(),
            "--out" => {
                out = Some(value);
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("{flag} {value}: not understood\n{HELP}");
            return 2;
        }
    }
    let Some(out) = out.filter(|_| shape.models > 0 && shape.weeks > 0) else {
        eprintln!("{HELP}");
        return 2;
    };
    match synth::write(std::path::Path::new(out), shape, order) {
        Ok(rows) => {
            println!("{rows}");
            0
        }
        Err(e) => {
            eprintln!("oms-dataset: {out}: {e}");
            1
        }
    }
}
