//! `retro-lint server`: a Language Server over standard input and output.
//!
//! The same engine as the command line, kept warm: each site is indexed once (the first
//! time one of its posts is opened) and held as an [`crate::engine::WarmSite`]; the unsaved
//! text of an open document stands in for its file, so cross-post and link rules see what
//! the author is writing. One file per concern:
//!
//! - [`protocol`]: the transport (bounded framing), the handshake and the message loop;
//! - [`documents`]: open documents, the sites they belong to, linting and publishing;
//! - [`position`]: byte offsets to LSP positions (UTF-16) and back;
//! - [`diagnostics`]: findings as LSP diagnostics;
//! - [`actions`]: code actions (safe and unsafe fixes, suppression comments);
//! - [`hover`]: a total's parts and arithmetic, a share, an average, a month row;
//! - [`definition`]: from a link or a month row to the post it names.

mod actions;
mod definition;
mod diagnostics;
mod documents;
mod hover;
mod position;
mod protocol;

use crate::diagnostic::Lang;
use crate::error::Error;

/// How the server was started (`retro-lint server ...`).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--lang`: message language; the client's `initializationOptions.lang` wins.
    pub lang: Option<Lang>,
    /// `--preview`: also report findings that rest on a guess.
    pub preview: bool,
    /// Read and write the site index cache (on unless `--no-cache`).
    pub cache: bool,
    /// `--config FILE`, else the closest `.retro-lint.yml` above each document.
    pub config: Option<std::path::PathBuf>,
}

impl From<&crate::cli::ServerArgs> for Options {
    fn from(a: &crate::cli::ServerArgs) -> Options {
        Options {
            lang: a
                .lang
                .as_deref()
                .map(|l| if l == "ko" { Lang::Ko } else { Lang::En }),
            preview: a.preview,
            cache: !a.no_cache,
            config: a.config.clone(),
        }
    }
}

/// Serve on standard input and output until `exit` (or the end of the input). Returns the
/// exit code: 0 after `shutdown` then `exit`, 1 otherwise, as the protocol asks.
pub fn run(options: Options) -> Result<i32, Error> {
    protocol::serve(options)
}
