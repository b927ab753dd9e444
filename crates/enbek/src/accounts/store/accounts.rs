//! Accounts, roles, sessions and login attempts (206 p.17–19).

use chrono::{DateTime, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::accounts::identity::ProofMethod;
use sqlx::{AnyPool, Row as _};

use crate::platform::db::new_id;

use crate::platform::db::parse_ts;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub struct Credentials {
    pub id: String,
    pub password_hash: String,
    pub disabled: bool,
}

#[derive(Row)]
pub struct Grant {
    pub role: Role,
    pub organization_id: Option<String>,
    pub region_code: Option<String>,
}

pub struct SessionAccount {
    pub id: String,
    pub login: String,
    pub iin: Option<String>,
    pub locale: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
    pub grants: Vec<Grant>,
}

pub struct NewAccount<'a> {
    pub id: &'a str,
    pub login: &'a str,
    pub password_hash: &'a str,
    pub terms_version: Option<&'a str>,
    pub locale: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, a: &NewAccount<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO accounts (id, login, password_hash, terms_accepted_at, terms_version, locale, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(a.id)
    .bind(a.login)
    .bind(a.password_hash)
    .bind(a.terms_version.map(|_| ts(a.at)))
    .bind(a.terms_version)
    .bind(a.locale)
    .bind(ts(a.at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn grant(
    tx: &mut Tx,
    account_id: &str,
    role: &str,
    org: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_roles (account_id, role, organization_id) VALUES ($1, $2, $3)",
    )
    .bind(account_id)
    .bind(role)
    .bind(org)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes `role` from every account holding it for `org` (a refused employer's record taken over).
pub async fn revoke_for_org(tx: &mut Tx, role: &str, org: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM account_roles WHERE role = $1 AND organization_id = $2")
        .bind(role)
        .bind(org)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Takes `role` from the account (its refused employer left behind).
pub async fn revoke(tx: &mut Tx, account_id: &str, role: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM account_roles WHERE account_id = $1 AND role = $2")
        .bind(account_id)
        .bind(role)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn credentials(pool: &AnyPool, login: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let row = sqlx::query("SELECT id, password_hash, disabled FROM accounts WHERE login = $1")
        .bind(login)
        .fetch_optional(pool)
        .await?;
    row.map(|r| {
        Ok(Credentials {
            id: r.text("id")?,
            password_hash: r.text("password_hash")?,
            disabled: r.flag("disabled")?,
        })
    })
    .transpose()
}

pub async fn set_password_hash(tx: &mut Tx, login: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE login = $2")
        .bind(hash)
        .bind(login)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn exists(pool: &AnyPool, login: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM accounts WHERE login = $1")
        .bind(login)
        .fetch_optional(pool)
        .await?
        .is_some())
}

pub async fn grants(pool: &AnyPool, account_id: &str) -> Result<Vec<Grant>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.role, r.organization_id, o.region_code FROM account_roles r
         LEFT JOIN organizations o ON o.id = r.organization_id
         WHERE r.account_id = $1 ORDER BY r.role",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Grant::from_row).collect()
}

pub async fn create_session(
    tx: &mut Tx,
    token_hash: &str,
    account_id: &str,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(account_id)
        .bind(ts(at))
        .bind(ts(expires_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The account of a live session (not revoked, not expired, account not disabled) with its
/// grants, in one read: a row for each grant, or one without a role.
pub async fn session_account(
    pool: &AnyPool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionAccount>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.login, CASE WHEN a.iin_proven_at IS NOT NULL THEN a.iin END AS iin, a.locale, s.expires_at,
                r.role, r.organization_id, o.region_code
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         LEFT JOIN account_roles r ON r.account_id = a.id
         LEFT JOIN organizations o ON o.id = r.organization_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.disabled = 0
         ORDER BY r.role",
    )
    .bind(token_hash)
    .bind(ts(now))
    .fetch_all(pool)
    .await?;
    let Some(r) = rows.first() else {
        return Ok(None);
    };
    let mut grants = Vec::with_capacity(rows.len());
    for row in &rows {
        if row.opt_text("role")?.is_some() {
            grants.push(Grant::from_row(row)?);
        }
    }
    Ok(Some(SessionAccount {
        id: r.text("id")?,
        login: r.text("login")?,
        iin: r.opt_text("iin")?,
        locale: r.text("locale")?,
        expires_at: r.instant("expires_at")?,
        grants,
    }))
}

pub async fn revoke_session(
    tx: &mut Tx,
    token_hash: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
        .bind(ts(at))
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn record_attempt(
    pool: &AnyPool,
    login: &str,
    address: &str,
    at: DateTime<Utc>,
    succeeded: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_attempts (id, login, address, at, succeeded) VALUES ($1, $2, $3, $4, $5)")
        .bind(new_id())
        .bind(login)
        .bind(address)
        .bind(ts(at))
        .bind(i64::from(succeeded))
        .execute(pool)
        .await?;
    Ok(())
}

/// Failed attempts counted by one login limit: how many, and when the last one was.
#[derive(Debug, Default)]
pub struct Failures {
    pub count: u32,
    pub last: Option<DateTime<Utc>>,
}

/// What the login limits read before an attempt (`enbek_domain::accounts::login`).
#[derive(Debug, Default)]
pub struct LoginFailures {
    /// The login from this address, since its last success there.
    pub pair: Failures,
    /// The login from every address.
    pub account: Failures,
    /// This address at every login.
    pub address: Failures,
    /// The login has signed in from this address before (at any time).
    pub known_pair: bool,
}

/// The failed attempts since `since` for the login limits of `login` from `address`.
pub async fn login_failures(
    pool: &AnyPool,
    login: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<LoginFailures, sqlx::Error> {
    let last_success = sqlx::query(
        "SELECT MAX(at) AS last FROM login_attempts WHERE login = $1 AND address = $2 AND succeeded = 1",
    )
    .bind(login)
    .bind(address)
    .fetch_one(pool)
    .await?
    .opt_text("last")?;
    let since = ts(since);
    let pair_since = last_success
        .clone()
        .filter(|s| *s > since)
        .unwrap_or(since.clone());
    let failures = |sql: &'static str, binds: Vec<String>| async move {
        let mut query = sqlx::query(sql);
        for b in binds {
            query = query.bind(b);
        }
        let row = query.fetch_one(pool).await?;
        Ok::<_, sqlx::Error>(Failures {
            count: u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX),
            last: row.opt_text("last")?.as_deref().map(parse_ts).transpose()?,
        })
    };
    Ok(LoginFailures {
        pair: failures(
            "SELECT COUNT(*) AS n, MAX(at) AS last FROM login_attempts
             WHERE login = $1 AND address = $2 AND at > $3 AND succeeded = 0",
            vec![login.to_string(), address.to_string(), pair_since],
        )
        .await?,
        account: failures(
            "SELECT COUNT(*) AS n, MAX(at) AS last FROM login_attempts
             WHERE login = $1 AND at > $2 AND succeeded = 0",
            vec![login.to_string(), since.clone()],
        )
        .await?,
        address: failures(
            "SELECT COUNT(*) AS n, MAX(at) AS last FROM login_attempts
             WHERE address = $1 AND at > $2 AND succeeded = 0",
            vec![address.to_string(), since],
        )
        .await?,
        known_pair: last_success.is_some(),
    })
}

/// The IIN the account has proven, and how.
pub async fn proven_iin<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    account_id: &str,
) -> Result<Option<(String, ProofMethod)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT iin, iin_proof_method FROM accounts WHERE id = $1 AND iin IS NOT NULL AND iin_proven_at IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let method = row.text("iin_proof_method")?;
    let method = ProofMethod::parse(&method)
        .ok_or_else(|| sqlx::Error::Decode(format!("proof method {method:?}").into()))?;
    Ok(Some((row.text("iin")?, method)))
}

pub async fn account_by_iin(tx: &mut Tx, iin: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM accounts WHERE iin = $1")
        .bind(iin)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| r.text("id")).transpose()
}

/// Keeps the account's language; false when there is no such account.
pub async fn set_locale(tx: &mut Tx, account_id: &str, locale: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE accounts SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn locale_and_iin<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    account_id: &str,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    let row = sqlx::query("SELECT locale, iin FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(db)
        .await?;
    row.map(|r| Ok((r.text("locale")?, r.opt_text("iin")?)))
        .transpose()
}

/// A staff account as the administrator's list shows it: no personal data beyond the login.
pub struct StaffAccount {
    pub id: String,
    pub login: String,
    pub role: Role,
    pub organization_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Which staff accounts to list: of a role, in an organisation, in a region (each when given).
#[derive(Default)]
pub struct StaffFilter<'a> {
    pub role: Option<&'a str>,
    pub organization_id: Option<&'a str>,
    pub region_code: Option<&'a str>,
}

/// A page of the staff accounts (one row per staff role held), the newest first, and how many
/// there are in all.
pub async fn staff_accounts(
    pool: &AnyPool,
    filter: &StaffFilter<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<StaffAccount>, i64), sqlx::Error> {
    let mut conditions = vec!["r.role NOT IN ('citizen', 'employer')".to_string()];
    let mut binds = Vec::new();
    for (column, value) in [
        ("r.role", filter.role),
        ("r.organization_id", filter.organization_id),
        ("o.region_code", filter.region_code),
    ] {
        if let Some(value) = value {
            binds.push(value.to_string());
            conditions.push(format!("{column} = ${}", binds.len()));
        }
    }
    let from = format!(
        "FROM account_roles r JOIN accounts a ON a.id = r.account_id
         LEFT JOIN organizations o ON o.id = r.organization_id WHERE {}",
        conditions.join(" AND ")
    );
    let count_sql = format!("SELECT COUNT(*) AS n {from}");
    let mut count = sqlx::query(&count_sql);
    for b in &binds {
        count = count.bind(b.clone());
    }
    let total = count.fetch_one(pool).await?.int("n")?;
    let list_sql = format!(
        "SELECT a.id, a.login, r.role, r.organization_id, a.created_at {from}
         ORDER BY a.created_at DESC, a.login, r.role LIMIT {limit} OFFSET {offset}"
    );
    let mut list = sqlx::query(&list_sql);
    for b in &binds {
        list = list.bind(b.clone());
    }
    let rows = list.fetch_all(pool).await?;
    let accounts = rows
        .iter()
        .map(|r| {
            let role = r.text("role")?;
            Ok(StaffAccount {
                id: r.text("id")?,
                login: r.text("login")?,
                role: Role::parse(&role)
                    .ok_or_else(|| sqlx::Error::Decode(format!("role {role:?}").into()))?,
                organization_id: r.opt_text("organization_id")?,
                created_at: r.instant("created_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok((accounts, total))
}
