//! The progress engine against worked examples and invariants.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use proptest::prelude::*;
use xinyuan_tracker::model::dataset::{Dataset, Indicator};
use xinyuan_tracker::model::figures::{Figure, Period};
use xinyuan_tracker::model::progress::{
    assess, assess_all, needed_growth_from_share, Assessment, Datum, GrowthSource, Measure, Needed,
    ProjectionMethod, Status, Warning,
};
use xinyuan_tracker::model::saved::{Entries, Op};

fn ind(id: &str) -> &'static Indicator {
    Dataset::embedded()
        .indicator(id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

fn synthetic(json: &str) -> Indicator {
    serde_json::from_str(json).expect("synthetic indicator")
}

/// An indicator with 2022 value 100 and a +13% growth target.
fn growth_13() -> Indicator {
    synthetic(
        r#"{"id":"x","section":"main","name":{"zh":"x","en":"x"},"unit":{"zh":"亿元","en":"x"},
        "kind":"growth","better":"higher","frequency":"monthly",
        "base":{"value":100,"quote":"q"},
        "targets":[{"type":"growth","rate":13,"firmness":"plain","quote":"q"}],"notes":[]}"#,
    )
}

fn fig(period: Period, value: Option<f64>, growth: Option<f64>, prev: Option<f64>) -> Figure {
    Figure {
        value,
        growth,
        prev,
        ..Figure::empty(period)
    }
}

fn completion(a: &Assessment, i: usize) -> (f64, f64, f64) {
    match a.judgements[i].measure {
        Measure::Completion {
            rate_pct,
            elapsed_pct,
            gap_pp,
            ..
        } => (rate_pct, elapsed_pct, gap_pp),
        m => panic!("not a completion: {m:?}"),
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn completion_against_time_elapsed_gives_the_gap_in_points() {
    // Tourists: 840 万人次. 62.6% done by the end of September, against 75% of the year elapsed.
    let a = assess(
        ind("tourists"),
        &[Figure::value(Period::Month(9), 0.626 * 840.0)],
        None,
    );
    let (rate, elapsed, gap) = completion(&a, 0);
    assert!(close(rate, 62.6, 1e-9) && close(elapsed, 75.0, 1e-9));
    assert!(close(gap, -12.4, 1e-9), "gap {gap}");
    assert_eq!(a.status, Status::Behind);
}

#[test]
fn quarters_count_as_quarters_of_the_year() {
    let a = assess(
        ind("livestock_slaughter"),
        &[Figure::value(Period::Quarter(2), 79.45)],
        None,
    );
    let (rate, elapsed, gap) = completion(&a, 0);
    assert!(close(elapsed, 50.0, 1e-9) && close(rate, 50.0, 1e-9) && close(gap, 0.0, 1e-9));
    assert_eq!(a.status, Status::OnPace);
}

#[test]
fn growth_needed_for_the_rest_of_the_year() {
    // Target +13%, last year's same-period share 0.46, growth to date +10%: about +15.6% still needed.
    let from_share = needed_growth_from_share(0.13, 0.46, 0.10).expect("s < 1");
    assert!(close(from_share * 100.0, 15.556, 0.001), "{from_share}");
    // The same from levels: A = 100, C_prev = 46, C = 50.6.
    let a = assess(
        &growth_13(),
        &[fig(Period::Month(6), Some(50.6), None, Some(46.0))],
        None,
    );
    match a.needed {
        Some(Needed::Growth { rate }) => assert!(close(rate, from_share * 100.0, 1e-9)),
        n => panic!("{n:?}"),
    }
    // Computed growth is marked as computed.
    assert!(matches!(
        a.judgements[0].measure,
        Measure::Growth {
            source: GrowthSource::Computed,
            ..
        }
    ));
}

#[test]
fn growth_targets_use_the_published_rate_first() {
    let a = assess(
        ind("gdp"),
        &[fig(Period::Quarter(2), Some(60.0), Some(6.5), Some(50.0))],
        None,
    );
    match a.judgements[0].measure {
        Measure::Growth {
            to_date,
            source,
            gap_pp,
            ..
        } => {
            assert_eq!(to_date, 6.5);
            assert_eq!(source, GrowthSource::Published);
            assert!(close(gap_pp, -1.5, 1e-9));
        }
        m => panic!("{m:?}"),
    }
    assert_eq!(a.status, Status::Behind);
    // 60 / 50 is +20%, far from the published +6.5%: flagged (GDP growth is real, levels nominal).
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::GrowthContradictsLevels { .. })));
}

#[test]
fn status_scale_thresholds() {
    let gdp = ind("gdp");
    let status = |g: f64, q: u8| assess(gdp, &[Figure::growth(Period::Quarter(q), g)], None).status;
    assert_eq!(status(9.0, 2), Status::Ahead); // R = 1.125
    assert_eq!(status(8.0, 2), Status::OnPace); // R = 1
    assert_eq!(status(7.9, 2), Status::Behind);
    assert_eq!(status(4.8, 2), Status::Behind); // R = 0.6
    assert_eq!(status(4.7, 2), Status::FarBehind);
    assert_eq!(status(-1.0, 2), Status::FarBehind); // moving away
    assert_eq!(status(8.0, 4), Status::Achieved);
    assert_eq!(status(7.0, 4), Status::Behind);
}

#[test]
fn ceiling_floor_and_level_targets() {
    let u = ind("unemployment");
    let st = |v: f64, q: u8| assess(u, &[Figure::value(Period::Quarter(q), v)], None).status;
    assert_eq!(st(5.5, 2), Status::OnPace);
    assert_eq!(st(5.6, 2), Status::Behind);
    assert_eq!(st(9.5, 2), Status::FarBehind);
    assert_eq!(st(5.4, 4), Status::Achieved);
    let k = ind("kindergarten_coverage");
    assert_eq!(
        assess(k, &[Figure::value(Period::Month(12), 91.0)], None).status,
        Status::Achieved
    );
    assert_eq!(
        assess(k, &[Figure::value(Period::Month(6), 89.0)], None).status,
        Status::Behind
    );
    // Livestock on hand 163.9 → 180.1: at mid-year, 172.0 is exactly the progress due.
    let l = ind("livestock_stock");
    let a = assess(l, &[Figure::value(Period::Quarter(2), 172.0)], None);
    assert!(
        close(a.judgements[0].ratio, 1.0, 1e-9),
        "{}",
        a.judgements[0].ratio
    );
    assert_eq!(a.status, Status::OnPace);
    assert_eq!(
        assess(l, &[Figure::value(Period::Quarter(4), 181.0)], None).status,
        Status::Achieved
    );
}

#[test]
fn two_targets_are_both_judged_and_the_worse_binds() {
    // Investment attracted: +15% and at least 100. Growth +20% is ahead; 40 of 100 at mid-year is behind.
    let a = assess(
        ind("investment_attracted"),
        &[fig(Period::Month(6), Some(40.0), Some(20.0), None)],
        None,
    );
    assert_eq!(a.judgements.len(), 2);
    assert_eq!(a.judgements[0].status, Status::Ahead);
    assert_eq!(a.judgements[1].status, Status::Behind);
    assert_eq!(a.binding, Some(1));
    assert_eq!(a.status, Status::Behind);
}

#[test]
fn counts_and_ranges_are_achieved_when_reached() {
    let a = assess(
        ind("base_stations_5g"),
        &[Figure::value(Period::Month(8), 61.0)],
        None,
    );
    assert_eq!(a.status, Status::Achieved);
    let r = assess(
        ind("projects_over_1bn"),
        &[Figure::value(Period::Month(6), 3.0)],
        None,
    );
    assert_eq!(r.status, Status::Achieved);
    let r = assess(
        ind("projects_over_1bn"),
        &[Figure::value(Period::Month(6), 1.0)],
        None,
    );
    assert_eq!(r.status, Status::Behind); // a third of the low end at half-time: R = 0.67
    let r = assess(
        ind("projects_over_1bn"),
        &[Figure::value(Period::Month(9), 1.0)],
        None,
    );
    assert_eq!(r.status, Status::FarBehind); // R = 0.44
}

#[test]
fn no_figures_means_no_data() {
    let a = assess(ind("gdp"), &[], None);
    assert_eq!(a.status, Status::NoData);
    let nan = Figure::value(Period::Month(3), f64::NAN);
    assert_eq!(assess(ind("tourists"), &[nan], None).status, Status::NoData);
}

#[test]
fn as_of_ignores_later_figures() {
    let figs = [
        Figure::value(Period::Month(3), 100.0),
        Figure::value(Period::Month(6), 500.0),
    ];
    let a = assess(ind("tourists"), &figs, Some(4));
    assert_eq!(a.latest, Some(Period::Month(3)));
}

#[test]
fn projection_states_its_method() {
    let t = assess(
        ind("tourists"),
        &[Figure::value(Period::Month(6), 400.0)],
        None,
    );
    let p = t.projection.expect("projection");
    assert_eq!(p.method, ProjectionMethod::PaceHolds);
    assert!(close(p.value, 800.0, 1e-9));
    let s = assess(
        &growth_13(),
        &[fig(Period::Month(6), Some(50.6), None, Some(46.0))],
        None,
    );
    let p = s.projection.expect("projection");
    assert_eq!(p.method, ProjectionMethod::SeasonalProfile);
    assert!(close(p.value, 110.0, 1e-9));
}

#[test]
fn seasonal_pace_uses_last_years_same_period() {
    let a = assess(
        &growth_13(),
        &[fig(Period::Month(6), Some(50.6), None, Some(46.0))],
        None,
    );
    assert_eq!(a.judgements.len(), 1);
    // For a flow with an absolute target and last year's same period known:
    let inv = assess(
        ind("investment_attracted"),
        &[fig(Period::Month(6), Some(50.0), None, Some(40.0))],
        None,
    );
    match inv.judgements[1].measure {
        Measure::Completion {
            seasonal_expected: Some(e),
            ..
        } => assert!(close(e, 46.0, 1e-9)),
        m => panic!("{m:?}"),
    }
}

#[test]
fn implausible_series_draw_warnings() {
    let a = assess(
        ind("tourists"),
        &[
            Figure::value(Period::Month(5), 300.0),
            Figure::value(Period::Month(6), 250.0),
        ],
        None,
    );
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::CumulativeDecrease { .. })));
    let g = assess(ind("gdp"), &[Figure::growth(Period::Month(5), 7.0)], None);
    assert!(g
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::NotAQuarter { .. })));
    let ok = assess(ind("gdp"), &[Figure::growth(Period::Month(6), 7.0)], None);
    assert!(ok.warnings.is_empty());
}

#[test]
fn zero_targets_and_baselines_are_handled() {
    let zero = synthetic(
        r#"{"id":"z","section":"main","name":{"zh":"z","en":"z"},"unit":{"zh":"个","en":"x"},
        "kind":"count","better":"higher","frequency":"monthly","base":{"value":0,"quote":"q"},
        "targets":[{"type":"count","value":0,"firmness":"plain","quote":"q"},
                   {"type":"growth","rate":0,"firmness":"plain","quote":"q"}],"notes":[]}"#,
    );
    let a = assess(
        &zero,
        &[fig(Period::Month(3), Some(0.0), None, Some(0.0))],
        None,
    );
    assert!(all_finite(&a));
}

#[test]
fn vanishing_last_year_figures_do_not_make_infinities() {
    // Found by the property test below: a projection on last year's profile divided by 1e-300.
    let a = assess(
        &growth_13(),
        &[fig(
            Period::Month(1),
            Some(-353_695.541_262_350_4),
            None,
            Some(1e-300),
        )],
        None,
    );
    assert!(all_finite(&a), "{a:?}");
    let t = assess(
        ind("tourists"),
        &[fig(Period::Month(2), Some(1e6), None, Some(1e-300))],
        None,
    );
    assert!(all_finite(&t), "{t:?}");
}

fn all_finite(a: &Assessment) -> bool {
    let mut nums = Vec::new();
    for j in &a.judgements {
        nums.push(j.ratio);
        match j.measure {
            Measure::Growth {
                to_date,
                target,
                gap_pp,
                ..
            } => nums.extend([to_date, target, gap_pp]),
            Measure::Completion {
                done,
                target,
                rate_pct,
                elapsed_pct,
                gap_pp,
                seasonal_expected,
            } => {
                nums.extend([done, target, rate_pct, elapsed_pct, gap_pp]);
                nums.extend(seasonal_expected);
            }
            Measure::Level {
                latest,
                target,
                gap,
            } => nums.extend([latest, target, gap]),
        }
    }
    nums.extend(a.projection.map(|p| p.value));
    match a.needed {
        Some(Needed::Growth { rate }) => nums.push(rate),
        Some(Needed::Amount {
            remaining,
            per_month,
            per_month_so_far,
        }) => nums.extend([remaining, per_month, per_month_so_far]),
        None => {}
    }
    nums.iter().all(|n| n.is_finite())
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1u8..=12).prop_map(Period::Month),
        (1u8..=4).prop_map(Period::Quarter)
    ]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        -1e6..1e6f64,
        -100.0..100.0f64,
        Just(-100.0),
        Just(1e-300)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn finite_inputs_give_finite_outputs(
        idx in 0usize..400,
        figs in proptest::collection::vec(
            (any_period(), proptest::option::of(finite()), proptest::option::of(finite()), proptest::option::of(finite())),
            0..6),
    ) {
        let data = Dataset::embedded();
        let ind = &data.indicators[idx % data.indicators.len()];
        let figs: Vec<Figure> = figs.into_iter().map(|(p, v, g, pr)| fig(p, v, g, pr)).collect();
        let a = assess(ind, &figs, None);
        prop_assert!(all_finite(&a), "{a:?}");
    }

    #[test]
    fn a_ceiling_is_met_exactly_when_at_or_under_it(level in 0.0..20.0f64, q in 1u8..=4) {
        let a = assess(ind("unemployment"), &[Figure::value(Period::Quarter(q), level)], None);
        let met = matches!(a.status, Status::OnPace | Status::Ahead | Status::Achieved);
        prop_assert_eq!(met, level <= 5.5);
    }

    #[test]
    fn completion_never_decreases_when_the_cumulative_figure_increases(
        a in 0.0..2000.0f64, extra in 0.0..2000.0f64, m in 1u8..=12,
    ) {
        let t = ind("tourists");
        let lo = assess(t, &[Figure::value(Period::Month(m), a)], None);
        let hi = assess(t, &[Figure::value(Period::Month(m), a + extra)], None);
        prop_assert!(completion(&hi, 0).0 >= completion(&lo, 0).0);
        prop_assert!(hi.status >= lo.status || hi.status == Status::Achieved);
    }
}

// Issue 11 (Trust): defects of the progress engine, each pinned by a test.

#[test]
fn a_level_target_below_the_2022_level_is_judged_against_the_target_itself() {
    // Specialty crops: 29.9 in 2022, target 29.8. The progress due from 2022 is negative, which
    // used to make a figure far under the target look far ahead.
    let s = ind("specialty_crops");
    let far_under = assess(s, &[Figure::value(Period::Month(6), 20.0)], None);
    assert!(
        far_under.status <= Status::Behind,
        "20 of 29.8 万亩 at mid-year: {:?} (R = {})",
        far_under.status,
        far_under.judgements[0].ratio
    );
    assert!(far_under.judgements[0].ratio < 1.0);
    let held = assess(s, &[Figure::value(Period::Month(6), 29.85)], None);
    assert_eq!(held.status, Status::OnPace);
    let year_end = assess(s, &[Figure::value(Period::Month(12), 29.8)], None);
    assert_eq!(year_end.status, Status::Achieved);
}

#[test]
fn a_growth_only_release_keeps_the_judgement_of_a_total_target() {
    // Investment attracted: +15% and at least 100亿元. June brings the cumulative value, July only
    // the growth rate: the total is still judged on June, and the worse target still binds.
    let inv = ind("investment_attracted");
    let figs = [
        fig(Period::Month(6), Some(40.0), Some(20.0), None),
        Figure::growth(Period::Month(7), 20.0),
    ];
    let a = assess(inv, &figs, None);
    assert_eq!(a.judgements.len(), 2, "{a:?}");
    assert_eq!(
        a.status,
        Status::Behind,
        "the total (40 of 100 by June) binds"
    );
    let total = a.judgements.iter().find(|j| j.target == 1).expect("total");
    assert_eq!(total.status, Status::Behind);
    // A total target alone does not fall back to "no data" after a growth-only release.
    let only_growth_later = assess(
        inv,
        &[
            Figure::value(Period::Month(3), 30.0),
            Figure::growth(Period::Month(4), 16.0),
        ],
        None,
    );
    assert!(only_growth_later.judgements.iter().any(|j| j.target == 1));
    assert_ne!(only_growth_later.status, Status::NoData);
}

/// A synthetic indicator whose target is a cut of 10% (better = lower).
fn cut_10() -> Indicator {
    synthetic(
        r#"{"id":"cut","section":"main","name":{"zh":"x","en":"x"},"unit":{"zh":"件","en":"x"},
        "kind":"growth","better":"lower","frequency":"monthly",
        "base":{"value":100,"quote":"q"},
        "targets":[{"type":"growth","rate":-10,"firmness":"plain","quote":"q"}],"notes":[]}"#,
    )
}

#[test]
fn a_growth_target_to_cut_is_judged_the_right_way_round() {
    let c = cut_10();
    let st = |g: f64, m: u8| assess(&c, &[Figure::growth(Period::Month(m), g)], None).status;
    assert_eq!(st(-12.0, 6), Status::Ahead, "cut by 12% against a 10% cut");
    assert_eq!(st(-10.0, 6), Status::OnPace);
    assert_eq!(st(-7.0, 6), Status::Behind);
    assert_eq!(st(5.0, 6), Status::FarBehind, "rising instead of falling");
    assert_eq!(st(-10.0, 12), Status::Achieved);
    assert_eq!(st(-9.0, 12), Status::Behind);
}

#[test]
fn nothing_is_still_needed_once_a_target_is_reached() {
    // 900 of 840 万人次 by August.
    let t = assess(
        ind("tourists"),
        &[Figure::value(Period::Month(8), 900.0)],
        None,
    );
    assert_eq!(t.status, Status::Achieved);
    assert_eq!(t.needed, None, "{:?}", t.needed);
    // Growth target +13% on 100: 120 by June is already past 113.
    let g = assess(
        &growth_13(),
        &[fig(Period::Month(6), Some(120.0), None, Some(46.0))],
        None,
    );
    assert_eq!(g.needed, None, "{:?}", g.needed);
}

#[test]
fn a_figure_that_cannot_be_judged_is_not_no_data() {
    // GDP +8%: a cumulative value with neither the published growth nor last year's same period.
    let a = assess(ind("gdp"), &[Figure::value(Period::Quarter(2), 60.0)], None);
    assert_ne!(a.status, Status::NoData);
    assert_eq!(a.status, Status::NotJudged);
    assert!(a.judgements.is_empty());
    assert_eq!(a.unjudged.len(), 1);
    let u = &a.unjudged[0];
    assert_eq!(u.as_of, Period::Quarter(2));
    assert_eq!(u.has, vec![Datum::Value]);
    assert_eq!(u.missing, vec![Datum::Growth, Datum::Prev]);
    // Investment attracted: a growth-only figure judges the growth target and names what the
    // total target lacks.
    let inv = assess(
        ind("investment_attracted"),
        &[Figure::growth(Period::Month(3), 16.0)],
        None,
    );
    assert_eq!(inv.judgements.len(), 1);
    assert_eq!(inv.unjudged.len(), 1);
    assert_eq!(inv.unjudged[0].target, 1);
    assert_eq!(inv.unjudged[0].missing, vec![Datum::Value]);
}

#[test]
fn every_indicator_is_assessed_once_and_looked_up_by_id() {
    let data = Dataset::embedded();
    let mut entries = Entries::default();
    entries.apply(Op::Put {
        id: "tourists".into(),
        figure: Figure::value(Period::Month(6), 380.5),
    });
    let all = assess_all(data, &entries);
    assert_eq!(all.len(), data.indicators.len());
    for i in &data.indicators {
        assert_eq!(all.get(&i.id), Some(&assess(i, entries.of(&i.id), None)));
    }
    assert_eq!(all.status("tourists"), Status::Behind);
    assert_eq!(all.status("no_such_indicator"), Status::NoData);
    let summary = all.summary(data.indicators.iter().filter(|i| i.has_target()));
    assert_eq!(summary.count(Status::Behind), 1);
}
