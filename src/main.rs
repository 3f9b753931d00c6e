fn main() {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = retro_lint::cli::run(std::env::args_os(), &mut out, &mut err);
    std::process::exit(code);
}
