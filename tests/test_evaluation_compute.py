"""The evaluation's arithmetic on hand-computed cases (issue 12): weights, pro-rating for
part-time and part-year service, bands, remainder, fund cap, nobody entitled; and the
README's worked example."""

from __future__ import annotations

from decimal import Decimal as D

from pianoperf_xl.evaluation import compute
from pianoperf_xl.evaluation.model import Band, Behaviour, BehaviourScore, ObjectiveShare

BANDS = tuple(Band(D(low), D(k), "") for low, k in
              (("60", "0.60"), ("70", "0.75"), ("80", "0.90"), ("90", "1")))
STAFF = tuple(Behaviour(code, code, D(w)) for code, w in
              (("D1", "0.25"), ("D2", "0.20"), ("D3", "0.20"), ("D4", "0.20"), ("D5", "0.15")))


def _objectives(*pairs) -> list[ObjectiveShare]:
    return [ObjectiveShare("S", f"O{i}", "", share, percent)
            for i, (share, percent) in enumerate(pairs)]


def _scores(*values) -> list[BehaviourScore]:
    return [BehaviourScore(b, None if v is None else D(v)) for b, v in zip(STAFF, values)]


def test_objective_shares_follow_the_weights_else_are_equal():
    assert compute.objective_shares([D(30), D(20), D(50)]) == [D("0.3"), D("0.2"), D("0.5")]
    assert compute.objective_shares([D(30), None]) == [D("0.5"), D("0.5")]
    assert compute.objective_shares([]) == []


def test_results_score_leaves_out_what_was_not_measured():
    # (0,5 × 100% + 0,3 × 50%) / (0,5 + 0,3) = 0,65 / 0,8 = 81,25
    assert compute.results_score(_objectives((0.5, 1.0), (0.3, 0.5), (0.2, None))) == D("81.25")
    assert compute.results_score(_objectives((1.0, None))) is None
    assert compute.results_score([]) is None
    assert compute.figure_score(0.8125) == D("81.25") and compute.figure_score(None) is None


def test_behaviours_score_weighs_and_brings_the_scale_to_100():
    # 0,25×9 + 0,20×9 + 0,20×8 + 0,20×9 + 0,15×9 = 8,8 out of 10 → 88
    assert compute.behaviours_score(_scores(9, 9, 8, 9, 9), D(10)) == D("88.00")
    # the same on a 0-5 scale: 4,4 of 5 → 88
    assert compute.behaviours_score(_scores("4.5", "4.5", 4, "4.5", "4.5"), D(5)) == D("88.00")
    assert compute.behaviours_score(_scores(9, 9, None, 9, 9), D(10)) is None


def test_total_by_the_groups_weights():
    assert compute.total_score(D("98.75"), D("86"), D(60)) == D("93.65")  # 59,25 + 34,40
    assert compute.total_score(D("95"), D("88"), D(50)) == D("91.50")
    assert compute.total_score(None, D("88"), D(50)) is None
    assert compute.total_score(None, D("88"), D(0)) == D("88.00")  # results weigh nothing


def test_bands_from_their_lower_bound():
    assert compute.band_of(D("59.99"), BANDS) is None
    assert compute.band_of(D("60"), BANDS).coefficient == D("0.60")
    assert compute.band_of(D("79.99"), BANDS).coefficient == D("0.75")
    assert compute.band_of(D("90"), BANDS).coefficient == D("1")
    assert compute.band_of(None, BANDS) is None


def test_claims_pro_rated_for_part_time_and_part_year():
    band = BANDS[2]  # 0,90
    assert compute.claim(band, D("0.67"), 365, 365) == D("0.603")  # 24 hours of 36
    part_year = compute.claim(BANDS[3], D("1.00"), 245, 365)  # hired on 1 May
    assert part_year.quantize(D("0.000001")) == D("0.671233")  # 245 / 365
    both = compute.claim(band, D("0.67"), 183, 366)  # half of a leap year, part-time
    assert both == D("0.3015")
    assert compute.claim(band, D("0.67"), 183, 366, prorate_hours=False,
                         prorate_days=False) == D("0.90")
    assert compute.claim(None, D(1), 365, 365) == 0


def test_split_rounds_down_and_keeps_the_remainder():
    bonuses, remainder = compute.split(D("1000.00"), [D(1), D(1), D(1)])
    assert bonuses == [D("333.33")] * 3 and remainder == D("0.01")
    bonuses, remainder = compute.split(D("100"), [D(2), D(1)])
    assert bonuses == [D("66.66"), D("33.33")] and remainder == D("0.01")


def test_the_fund_is_never_exceeded():
    for fund, claims in ((D("0.05"), [D(1)] * 7), (D("9999.99"), [D("0.603"), D("0.3015"), D(1)]),
                         (D("1"), [D("0.333333"), D("0.333333"), D("0.333334")])):
        bonuses, remainder = compute.split(fund, claims)
        assert sum(bonuses) + remainder == fund and sum(bonuses) <= fund and remainder >= 0
        assert all(b == b.quantize(D("0.01")) for b in bonuses)


def test_nobody_entitled_leaves_the_whole_fund():
    bonuses, remainder = compute.split(D("5000.00"), [D(0), D(0)])
    assert bonuses == [D(0), D(0)] and remainder == D("5000.00")


def test_the_readme_worked_example():
    """README «Valutazione individuale e premi», «Un esempio»: the same figures."""
    shares = compute.objective_shares([D(30), D(20)])
    results = compute.results_score(_objectives((float(shares[0]), 1.0),
                                                (float(shares[1]), 0.875)))
    behaviours = compute.behaviours_score(_scores(9, 9, 8, 9, 9), D(10))
    total = compute.total_score(results, behaviours, D(50))
    assert (results, behaviours, total) == (D("95.00"), D("88.00"), D("91.50"))
    people = ((total, D("1.00"), 365), (D("84.00"), D("0.67"), 365),
              (D("75.00"), D("1.00"), 245), (D("55.00"), D("1.00"), 365))
    claims = [compute.claim(compute.band_of(t, BANDS), fte, days, 365) for t, fte, days in people]
    assert [c.quantize(D("0.0001")) for c in claims] == [D("1.0000"), D("0.6030"),
                                                         D("0.5034"), D("0.0000")]
    bonuses, remainder = compute.split(D("10000.00"), claims)
    assert bonuses == [D("4747.38"), D("2862.67"), D("2389.94"), D("0.00")]
    assert remainder == D("0.01")
