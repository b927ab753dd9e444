//! Messages that leave the service: notices to persons through their channels (214 p.12,
//! 214 p.20, 214 p.35, 214 p.52), and messages to other state systems (206 ch.4, 206 p.30–35);
//! where their delivery stands.

use serde::Serialize;

/// The channel a notice goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeChannel {
    /// The person's cabinet on the portal: delivered when written.
    Cabinet,
    Email,
    Sms,
    /// The assistant of the rural district the person lives in (214 p.20, 214 p.52): delivered
    /// when written.
    Assistant,
}

impl NoticeChannel {
    pub const ALL: [NoticeChannel; 4] = [
        NoticeChannel::Cabinet,
        NoticeChannel::Email,
        NoticeChannel::Sms,
        NoticeChannel::Assistant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeChannel::Cabinet => "cabinet",
            NoticeChannel::Email => "email",
            NoticeChannel::Sms => "sms",
            NoticeChannel::Assistant => "assistant",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeChannel> {
        NoticeChannel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where the delivery of a notice or of a message to another system stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Not delivered yet: due work retries it.
    Pending,
    Delivered,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 2] = [DeliveryStatus::Pending, DeliveryStatus::Delivered];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// The state system a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// The State Social Insurance Fund.
    SocialInsuranceFund,
}

impl Destination {
    pub const ALL: [Destination; 1] = [Destination::SocialInsuranceFund];

    pub fn as_str(self) -> &'static str {
        match self {
            Destination::SocialInsuranceFund => "social_insurance_fund",
        }
    }

    pub fn parse(s: &str) -> Option<Destination> {
        Destination::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_reads_back_from_its_name() {
        for channel in NoticeChannel::ALL {
            assert_eq!(NoticeChannel::parse(channel.as_str()), Some(channel));
        }
        for status in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(status.as_str()), Some(status));
        }
        for destination in Destination::ALL {
            assert_eq!(Destination::parse(destination.as_str()), Some(destination));
        }
        assert_eq!(NoticeChannel::parse("fax"), None);
        assert_eq!(DeliveryStatus::parse("failed"), None);
        assert_eq!(Destination::parse("tax_office"), None);
    }
}
