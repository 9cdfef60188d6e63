//! What is behind: the targets judged behind or far behind, the largest shortfall first, for the
//! list the overview leads with.

use super::dataset::{Dataset, Indicator};
use super::progress::{Assessments, Judgement, Status};

/// One indicator behind its pace, with the judgement that binds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lagging<'a> {
    /// The indicator.
    pub indicator: &'a Indicator,
    /// Its status: [`Status::Behind`] or [`Status::FarBehind`].
    pub status: Status,
    /// The judgement its status comes from (the worse of two targets where it has two).
    pub judgement: Judgement,
}

impl Lagging<'_> {
    /// How far short of its pace it is, as a share of the progress due by now: `1 − R`.
    pub fn shortfall(&self) -> f64 {
        1.0 - self.judgement.ratio
    }
}

/// Every indicator of `data` judged behind or far behind, the largest shortfall first (the lowest
/// pace ratio R, which compares growth, totals and levels alike); equal shortfalls keep the
/// report's order.
pub fn lagging<'a>(data: &'a Dataset, all: &Assessments) -> Vec<Lagging<'a>> {
    let mut list: Vec<Lagging<'a>> = data
        .indicators
        .iter()
        .filter_map(|indicator| {
            let a = all.get(&indicator.id)?;
            if !matches!(a.status, Status::Behind | Status::FarBehind) {
                return None;
            }
            // The binding judgement where two targets are judged, else the only one.
            let judgement = *a.judgements.get(a.binding.unwrap_or(0))?;
            Some(Lagging {
                indicator,
                status: a.status,
                judgement,
            })
        })
        .collect();
    list.sort_by(|a, b| a.judgement.ratio.total_cmp(&b.judgement.ratio));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figures::{Figure, Period};
    use crate::model::progress::assess_all;
    use crate::model::saved::{Entries, Op};

    fn put(entries: &mut Entries, id: &str, figure: Figure) {
        entries.apply(Op::Put {
            id: id.into(),
            figure,
        });
    }

    #[test]
    fn the_targets_behind_come_largest_shortfall_first_and_the_others_are_left_out() {
        let data = Dataset::embedded();
        let mut entries = Entries::default();
        // Tourists: 45% of 840万 at mid-year, behind (R ≈ 0.91).
        put(
            &mut entries,
            "tourists",
            Figure::value(Period::Month(6), 380.5),
        );
        // GDP: +2% against +8%, far behind (R = 0.25).
        put(&mut entries, "gdp", Figure::growth(Period::Quarter(2), 2.0));
        // Budget revenue: +10% against +16%, behind (R ≈ 0.63).
        put(
            &mut entries,
            "revenue",
            Figure::growth(Period::Month(6), 10.0),
        );
        // Fixed-asset investment: +30% against +17%, ahead: not listed.
        put(&mut entries, "fai", Figure::growth(Period::Month(6), 30.0));
        let all = assess_all(data, &entries);
        let list = lagging(data, &all);
        let ids: Vec<&str> = list.iter().map(|l| l.indicator.id.as_str()).collect();
        assert_eq!(ids, ["gdp", "revenue", "tourists"]);
        assert_eq!(list[0].status, Status::FarBehind);
        assert!(list.iter().skip(1).all(|l| l.status == Status::Behind));
        assert!(list
            .windows(2)
            .all(|w| w[0].shortfall() >= w[1].shortfall()));
        for l in &list {
            assert_eq!(all.status(&l.indicator.id), l.status);
        }
    }

    #[test]
    fn nothing_is_behind_without_figures() {
        let data = Dataset::embedded();
        let all = assess_all(data, &Entries::default());
        assert!(lagging(data, &all).is_empty());
    }
}
