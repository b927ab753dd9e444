//! Reporting: the labour market's statistics by region and month (`getLaborMarketStatistics`)
//! and the dashboards of the mobility centers and the ministry, with their CSV exports, the
//! region's layoff notices and subsidised-job applications. It owns no table: each context's
//! counts come through that context's interface.

pub mod error;
pub mod http;
pub mod pages;
pub mod period;
pub mod service;
