//! Writes the illustrative default dataset to `static/data/resumption-2020.json`
//! (method: `src/illustrative.rs` and `static/data/README.md`).
//!
//! `cargo run --bin generate-data` rewrites the file; `cargo run --bin generate-data -- --check`
//! only reports whether the committed file is what the generator produces.

use std::process::ExitCode;

const PATH: &str = "static/data/resumption-2020.json";

fn main() -> ExitCode {
    let text = guizhou_map::illustrative::file_text();
    if std::env::args().any(|a| a == "--check") {
        return match std::fs::read_to_string(PATH) {
            Ok(committed) if committed == text => {
                println!("{PATH} is up to date");
                ExitCode::SUCCESS
            }
            Ok(_) => {
                eprintln!("{PATH} differs from the generator's output: run `cargo run --bin generate-data`");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("cannot read {PATH}: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match std::fs::write(PATH, &text) {
        Ok(()) => {
            println!("wrote {PATH} ({} bytes)", text.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {PATH}: {e}");
            ExitCode::FAILURE
        }
    }
}
