//! The commands besides `build`: each uses the pipeline and adds what it alone needs.

pub mod calc;
pub mod check;
pub mod editing;
pub mod external;
pub mod init;
pub mod overrides;
pub mod readability;
pub mod serve;
