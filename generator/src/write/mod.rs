//! Writing a build: minified, all at once, the previous output kept on any error.

pub mod output;
