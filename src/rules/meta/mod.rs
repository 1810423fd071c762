//! Rules about manulint's own directives.

pub mod invalid_suppression;
pub mod unclosed_comment;
