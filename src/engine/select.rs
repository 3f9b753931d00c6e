//! Which rules run, and at which severity: the config's and the command line's `select`
//! and `ignore`, and each rule's setting.

use super::LintOptions;
use crate::config::Config;
use crate::error::Error;
use crate::registry::{self, RuleMeta};
use crate::rules::{Active, RULES};

/// The rules that run, with their effective severity, in code order.
pub fn active_rules(config: &Config, opts: &LintOptions) -> Result<Vec<Active>, Error> {
    let select = if opts.select.is_empty() {
        &config.select
    } else {
        &opts.select
    };
    let mut on: Vec<&'static RuleMeta> = Vec::new();
    if select.is_empty() {
        on.extend(registry::ALL.iter().copied());
    } else {
        for s in select {
            let m = registry::matching(s);
            if m.is_empty() {
                return Err(Error::Usage(format!("--select `{s}` matches no rule")));
            }
            on.extend(m);
        }
    }
    for s in config.ignore.iter().chain(&opts.ignore) {
        let m = registry::matching(s);
        if m.is_empty() {
            return Err(Error::Usage(format!("--ignore `{s}` matches no rule")));
        }
        on.retain(|r| !m.iter().any(|x| x.code == r.code));
    }
    let explicit = !select.is_empty();
    Ok(RULES
        .iter()
        .filter(|r| on.iter().any(|m| m.code == r.meta.code))
        .filter_map(|r| {
            let meta = r.meta;
            let setting = config.setting(meta.code);
            // A rule turned off in the config stays off unless selected by its own code.
            if setting.is_some_and(|s| s.off)
                && !(explicit
                    && select
                        .iter()
                        .any(|s| s.eq_ignore_ascii_case(meta.code) || s == meta.name))
            {
                return None;
            }
            Some((r, setting.and_then(|s| s.severity).unwrap_or(meta.severity)))
        })
        .collect())
}
