//! The problems of active measures: places and participants of subsidised jobs, referrals to
//! the measures (Order 129). Each code is stable; its status and titles (kk, ru, en) are given
//! once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        PlacesFilled = ("places_filled", 409, "Өтінімнің барлық орындары толтырылған", "Все места по заявке заняты", "All places of the application are taken"),
        ParticipantExists = ("participant_exists", 409, "Бұл қатысушы өтінімге енгізілген", "Этот участник уже внесён в заявку", "This participant is already on the application"),
        PlaceFull = ("place_full", 409, "Бұл орында бос орын қалмады", "Свободных мест больше нет", "No free place is left"),
        UnknownPlace = ("unknown_place", 422, "Мұндай орын жоқ", "Такого места нет", "No such place"),
        PlaceNotOpen = ("place_not_open", 422, "Бұл орын осы шараға немесе өңірге арналмаған не оның мерзімі өтіп кетті", "Это место не для этой меры или региона, либо его срок истёк", "The place is not of this measure or region, or its period is over"),
        DigitalConsentRequired = ("digital_consent_required", 422, "Цифрлық құжатты иесінің бір реттік кодпен берген келісімімен ғана алуға болады", "Цифровой документ можно получить только с согласия владельца, данного одноразовым кодом", "A digital document is taken only with its owner's consent given by a one-time code"),
        ReferralExists = ("referral_exists", 409, "Сізде белсенді шараға жолдама әлдеқашан бар", "У вас уже есть направление на активную меру", "A referral to an active measure is already in progress"),
    }
}

context_error!(
    Code;
    crate::reference::interface::Code,
    crate::accounts::interface::Code,
    crate::documents::interface::Code,
    crate::registration::interface::Code,
    crate::mediation::interface::Code,
);
