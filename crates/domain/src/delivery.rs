//! Messages that leave the service: notices to persons through their channels (214 p.12,
//! 214 p.20, 214 p.35, 214 p.52), and messages to other state systems (206 ch.4, 206 p.30–35);
//! where their delivery stands.

crate::codes! { as_str;
    /// The channel a notice goes through.
    pub enum NoticeChannel {
        /// The person's cabinet on the portal: delivered when written.
        Cabinet = "cabinet",
        Email = "email",
        Sms = "sms",
        /// The assistant of the rural district the person lives in (214 p.20, 214 p.52): delivered
        /// when written.
        Assistant = "assistant",
    }
}

crate::codes! { as_str;
    /// Where the delivery of a notice or of a message to another system stands.
    pub enum DeliveryStatus {
        /// Not delivered yet: due work retries it.
        Pending = "pending",
        Delivered = "delivered",
    }
}

crate::codes! { as_str;
    /// The state system a message goes to.
    pub enum Destination {
        /// The State Social Insurance Fund.
        SocialInsuranceFund = "social_insurance_fund",
    }
}
