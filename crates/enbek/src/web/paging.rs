//! Lists shown a page at a time: the page asked for, the links between pages, and a filter left
//! empty. Every list of the pages pages and filters on the server.

use fluent_bundle::FluentValue;

use crate::web::Tr;

/// A filter or field as typed, trimmed; none when left empty.
pub fn optional(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// The address of one page of a search: its filters that are given, and the page.
pub fn page_href(path: &str, filters: &[(&str, &str)], page: i64) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in filters.iter().filter(|(_, value)| !value.is_empty()) {
        query.append_pair(name, value);
    }
    query.append_pair("page", &page.to_string());
    format!("{path}?{}", query.finish())
}

/// The links between the pages of a search's results, and which page of how many this is.
pub struct Pager {
    pub previous: Option<String>,
    pub next: Option<String>,
    pub page_of: String,
}

impl Pager {
    pub fn new(
        tr: &Tr,
        total: i64,
        page: i64,
        per_page: i64,
        href: impl Fn(i64) -> String,
    ) -> Pager {
        let pages = ((total + per_page - 1) / per_page).max(1);
        Pager {
            previous: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            page_of: tr.with(
                "search-page-of",
                &[
                    ("page", FluentValue::from(page)),
                    ("pages", FluentValue::from(pages)),
                ],
            ),
        }
    }
}

/// The page of a list asked for in the address: the first when none or nonsense is asked.
pub fn page_number(asked: &str) -> i64 {
    optional(asked)
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// How many items come before page `number` of `per_page` each (for a page read from the
/// database with an offset).
pub fn offset_of(number: i64, per_page: i64) -> i64 {
    (number - 1).saturating_mul(per_page)
}

/// One page of a list held whole (a list computed rather than read a page at a time): the items
/// of page `asked` (the first when none or nonsense is asked, the last when beyond it), the
/// number of that page, and how many items the list holds.
pub fn page_of<T>(items: Vec<T>, asked: &str, per_page: i64) -> (Vec<T>, i64, i64) {
    let per_page = usize::try_from(per_page).unwrap_or(1).max(1);
    let total = items.len();
    let pages = total.div_ceil(per_page).max(1);
    let number = usize::try_from(page_number(asked)).unwrap_or(1).min(pages);
    let page = items
        .into_iter()
        .skip((number - 1) * per_page)
        .take(per_page)
        .collect();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    (page, count(number), count(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_holds_its_share_and_the_edges_are_kept() {
        let items: Vec<u32> = (1..=101).collect();
        assert_eq!(page_of(items.clone(), "", 50), ((1..=50).collect(), 1, 101));
        assert_eq!(page_of(items.clone(), "2", 50).0.first(), Some(&51));
        assert_eq!(page_of(items.clone(), "3", 50), (vec![101], 3, 101));
        // Beyond the last page: the last; before the first or not a number: the first.
        assert_eq!(page_of(items.clone(), "4", 50).1, 3);
        assert_eq!(page_of(items.clone(), "0", 50).1, 1);
        assert_eq!(page_of(items.clone(), "-1", 50).1, 1);
        assert_eq!(page_of(items, "x", 50).1, 1);
        // Exactly full pages: no empty page after them.
        let hundred: Vec<u32> = (1..=100).collect();
        assert_eq!(page_of(hundred, "3", 50).1, 2);
        assert_eq!(page_of(Vec::<u32>::new(), "2", 50), (vec![], 1, 0));
    }

    #[test]
    fn the_links_lead_to_the_pages_around_with_the_filters_given() {
        let tr = Tr::new(crate::web::Lang::En);
        let pager = Pager::new(&tr, 101, 2, 50, |p| {
            page_href("/q", &[("kind", "a b"), ("x", "")], p)
        });
        assert_eq!(pager.previous.as_deref(), Some("/q?kind=a+b&page=1"));
        assert_eq!(pager.next.as_deref(), Some("/q?kind=a+b&page=3"));
        let last = Pager::new(&tr, 101, 3, 50, |p| page_href("/q", &[], p));
        assert_eq!(last.next, None);
    }
}
