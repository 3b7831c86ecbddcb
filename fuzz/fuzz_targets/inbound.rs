//! Coverage-guided fuzzing of the inbound pipeline from raw bytes. The pipeline catches
//! panics (a malformed message must be quarantined, never crash the daemon); here a caught
//! panic is turned back into a crash so the fuzzer keeps the input that caused it, except
//! the known ones listed in `KNOWN` (already regression tests in `tests/fuzz.rs`), so that a
//! long run goes on past them.
#![no_main]

use std::cell::RefCell;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use upward::inbound::{Context, inspect};

/// Panics of dependencies that the pipeline catches and that are known: `crate/path:line`.
const KNOWN: &[&str] = &[
    // "Invalid part ID, could not find multipart" on mutated multipart reports.
    "mail-parser-0.11.9/src/parsers/message.rs:485",
];

thread_local! {
    static WHERE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // NOTE: libfuzzer-sys aborts on any panic, even one the pipeline catches; this hook only
    // notes where a panic happened, and the check below decides.
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            WHERE.with(|w| *w.borrow_mut() = at);
        }))
    });
    let ctx = Context::standalone(chrono::DateTime::UNIX_EPOCH);
    let got = inspect(data, &ctx);
    if got.reason.as_deref() == Some("internal error while reading the message; kept for review")
    {
        let at = WHERE.with(|w| w.borrow_mut().take()).unwrap_or_default();
        if KNOWN.iter().any(|k| at.ends_with(k)) {
            return;
        }
        eprintln!("a stage panicked at {at} on this input (caught in production)");
        std::process::abort();
    }
});
