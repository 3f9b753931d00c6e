//! Quantities in prose and tables: `700개`, `1,234`, `40%`, `약 360`, `12+`,
//! `68 (41+18+1+1+mig7)`. Filled in by the numbers work (issue 3).
