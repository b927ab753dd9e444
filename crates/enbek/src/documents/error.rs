//! The problems of documents. Each code is stable; its status and titles (kk, ru, en) are given
//! once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        RenderFailed = ("document_render_failed", 500, "Құжатты PDF пішімінде жасау мүмкін болмады", "Не удалось сформировать документ в формате PDF", "The document could not be rendered as PDF"),
        DocumentNotIssued = ("document_not_issued", 409, "Құжаттың қол қойылған файлы жоқ", "У документа нет подписанного файла", "The document has no signed file"),
    }
}

context_error!(Code;);
