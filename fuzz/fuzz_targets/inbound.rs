//! Coverage-guided fuzzing of the inbound pipeline from raw bytes. The pipeline catches
//! panics (a malformed message must be quarantined, never crash the daemon); here a caught
//! panic is turned back into a crash so the fuzzer keeps the input that caused it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upward::inbound::{Context, inspect};

fuzz_target!(|data: &[u8]| {
    let ctx = Context::standalone(chrono::DateTime::UNIX_EPOCH);
    let got = inspect(data, &ctx);
    if got.reason.as_deref() == Some("internal error while reading the message; kept for review") {
        panic!("a stage panicked on this input (caught in production)");
    }
});
