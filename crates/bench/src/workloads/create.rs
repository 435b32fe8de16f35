//! `Account.create(values)` one row at a time with validators (`len: [3, 32]` on `username`,
//! `isEmail` on `email`, `allowNull: false` on both), against the same checks written by hand
//! followed by a cached prepared `INSERT` per row. Each row is its own statement outside any
//! transaction on both sides; both start from a fresh database each run and return the rows with
//! their ids.

use orm::{Database, Instance, Record};

use crate::data::{self, Account, FreshRows};
use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::Sizes;
use crate::BenchResult;

/// The ORM side: one `create` per row.
pub struct Ours {
    rows: Vec<Record>,
    db: Option<Database>,
    input: Vec<Record>,
}

impl Side for Ours {
    type Output = Vec<Instance>;

    fn prepare(&mut self) -> BenchResult<()> {
        self.db = Some(data::orm_db(data::define_accounts)?);
        self.input = self.rows.clone();
        Ok(())
    }

    fn run(&mut self) -> BenchResult<Vec<Instance>> {
        let db = self.db.as_mut().ok_or("prepare first")?;
        let mut created = Vec::with_capacity(self.input.len());
        for values in std::mem::take(&mut self.input) {
            created.push(db.create("Account", values)?);
        }
        Ok(created)
    }
}

/// The hand-written side: checks, then a prepared `INSERT`, per row.
pub struct Anchor {
    fresh: FreshRows<Account>,
}

impl Side for Anchor {
    type Output = Vec<Account>;

    fn prepare(&mut self) -> BenchResult<()> {
        self.fresh.prepare()
    }

    fn run(&mut self) -> BenchResult<Vec<Account>> {
        let (conn, mut created) = self.fresh.take()?;
        for account in &mut created {
            validate(account)?;
            let mut insert =
                conn.prepare_cached("INSERT INTO `Accounts` (`username`, `email`, `age`) VALUES (?, ?, ?)")?;
            insert.execute((&account.username, &account.email, account.age))?;
            account.id = conn.last_insert_rowid();
        }
        Ok(created)
    }
}

/// The model's validators, by hand: `len: [3, 32]` (counted in UTF-16 units, as JavaScript
/// counts) and `isEmail`.
pub fn validate(account: &Account) -> BenchResult<()> {
    let len = account.username.encode_utf16().count();
    if !(3..=32).contains(&len) {
        return Err(format!("Validation len on username failed: {:?}", account.username).into());
    }
    if !is_email(&account.email) {
        return Err(format!("Validation isEmail on email failed: {:?}", account.email).into());
    }
    Ok(())
}

/// An e-mail address as validator.js checks one by default, for plain ASCII addresses: a local
/// part of dot-separated atoms of at most 64 bytes, and a domain of at most 254 bytes made of
/// labels (letters, digits, inner hyphens; at most 63 each) ending in a top-level domain of at
/// least two letters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    if s.len() > 254 || local.len() > 64 || domain.len() > 254 {
        return false;
    }
    let atom = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c))
    };
    if !local.split('.').all(atom) {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let Some((tld, _)) = labels.split_last() else {
        return false;
    };
    let label = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    labels.len() > 1 && labels.iter().all(label) && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// The two sides, with the data set of `creates` accounts.
pub fn setup(creates: usize) -> BenchResult<(Ours, Anchor)> {
    let accounts: Vec<Account> = (0..creates).map(Account::nth).collect();
    let ddl = data::ddl(&data::orm_db(data::define_accounts)?)?;
    let ours = Ours { rows: accounts.iter().map(Account::to_record).collect(), db: None, input: Vec::new() };
    let anchor = Anchor { fresh: FreshRows::new(ddl, accounts) };
    Ok((ours, anchor))
}

/// Sets up, checks that both sides return and store the same accounts, and measures.
pub fn run(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let (mut ours, mut anchor) = setup(sizes.creates)?;
    ours.prepare()?;
    anchor.prepare()?;
    let created = ours.run()?.iter().map(Account::from_instance).collect::<BenchResult<Vec<_>>>()?;
    data::ensure_same("create (returned)", &created, &anchor.run()?, sizes.creates)?;
    let db = ours.db.as_mut().ok_or("prepared")?;
    let stored = db.find_all("Account", &orm::FindOptions::new())?;
    let stored = stored.iter().map(Account::from_instance).collect::<BenchResult<Vec<_>>>()?;
    let conn = anchor.fresh.conn()?;
    let expected = conn
        .prepare("SELECT `id`, `username`, `email`, `age` FROM `Accounts`")?
        .query_map([], |r| Ok(Account { id: r.get(0)?, username: r.get(1)?, email: r.get(2)?, age: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    data::ensure_same("create (stored)", &stored, &expected, sizes.creates)?;
    measure(config, &mut ours, &mut anchor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use orm::validate::Check;

    /// The hand-written checks agree with the ORM's validators on the data set and on a few
    /// addresses either way.
    #[test]
    fn hand_written_checks_agree_with_the_orm() {
        let mut cases: Vec<String> = (0..50).map(|i| Account::nth(i).email).collect();
        cases.extend(
            ["a@b.co", "a.b@c.d.org", "no-at.example.com", "a@b", "a..b@c.com", "a@-b.com", "a@b.c1", "@x.com"]
                .map(str::to_owned),
        );
        for email in cases {
            assert_eq!(is_email(&email), Check::IsEmail.passes(&email.as_str().into()), "{email}");
        }
    }
}
