use std::io::Write;

// Building the model of a post allocates many small strings and vectors; mimalloc is much
// faster at that than the system allocator (as in ruff).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Handles are not locked for the whole run: worker threads may need stderr.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut err = std::io::stderr();
    let code = retro_lint::cli::run(std::env::args_os(), &mut out, &mut err);
    // A closed pipe (`| head`) is not an error: the reader has what it wanted.
    let _ = out.flush();
    std::process::exit(code);
}
