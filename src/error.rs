//! Why a run could not do its job (exit code 2). Findings are diagnostics, never errors.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("{path}: {message}")]
    Path { path: String, message: String },
    #[error("{0}")]
    Usage(String),
}
