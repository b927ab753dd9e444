//! Counting by period in SQL that runs alike on SQLite and PostgreSQL: the boundaries of the
//! periods are computed in Rust and bound as parameters, and a `CASE` puts each row in its period
//! (no database-specific date function). Instants are stored as sortable RFC 3339 text and days
//! as `YYYY-MM-DD`, so comparing their text compares the times.

/// `CASE WHEN col < $(first+1) THEN 0 WHEN col < $(first+2) THEN 1 … END`, cast to BIGINT: the
/// index of the period of `col` among `periods` consecutive periods whose boundaries are the
/// parameters `$first ..= $(first + periods)` (the start of the first period, then each period's
/// end). A row before the first boundary or at or after the last must be filtered out by the
/// caller (`col >= $first AND col < $(first + periods)`).
pub fn period_of(col: &str, first: usize, periods: usize) -> String {
    let mut sql = String::from("CAST(CASE");
    for i in 0..periods {
        sql.push_str(&format!(" WHEN {col} < ${} THEN {i}", first + 1 + i));
    }
    sql.push_str(" END AS BIGINT)");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_boundary_is_a_parameter() {
        assert_eq!(
            period_of("r.at", 2, 2),
            "CAST(CASE WHEN r.at < $3 THEN 0 WHEN r.at < $4 THEN 1 END AS BIGINT)"
        );
    }
}

/// A count of one region in one period: the values of the columns asked for, in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub region_code: String,
    pub period: usize,
    pub values: Vec<i64>,
}

/// The buckets of rows that select `region_code`, the period's index as `period_index` and the
/// counts `columns`.
pub fn read(rows: &[sqlx::any::AnyRow], columns: &[&str]) -> Result<Vec<Bucket>, sqlx::Error> {
    use crate::platform::db::RowExt;
    rows.iter()
        .map(|row| {
            Ok(Bucket {
                region_code: row.text("region_code")?,
                period: usize::try_from(row.int("period_index")?).unwrap_or(usize::MAX),
                values: columns
                    .iter()
                    .map(|c| row.int(c))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect()
}
