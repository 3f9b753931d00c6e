#![no_main]
// Invariants live in the library (src/invariants.rs) so crashes replay on stable in
// tests/fuzz_regressions.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| retro_lint::invariants::quantities(data));
