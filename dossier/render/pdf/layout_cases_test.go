package pdf

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestTitleBreakPenalty pins the penalty of every break point of a few titles: -1 inside
// numbers and next to brackets and punctuation, 0 before 关于 and after a closing bracket or
// quote, 5 before the final 的函/的请示, 25 after a year, 30 after 、 and 和, 200 inside a
// word, 60 elsewhere.
func TestTitleBreakPenalty(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"关于申报2019年度工业和信息化专项资金项目的请示",
			"60:60:200:60:-1:-1:-1:60:200:25:200:200:200:200:200:60:200:200:200:60:200:5:60:60"},
		{"关于推荐2019年省级中小企业公共服务示范平台的报告",
			"60:60:200:60:-1:-1:-1:60:25:200:60:200:200:200:60:200:200:200:60:200:200:200:5:60:60"},
		{"山西省科学技术厅、财政厅和信息化领域（试点）“两化融合”ABC123的函",
			"60:60:60:200:200:200:60:-1:30:60:60:60:60:60:60:60:60:60:-1:60:-1:0:-1:200:200:200:-1:0:-1:-1:-1:-1:-1:5:60"},
		{"山西省关于2020年度两化融合和推荐、报送AB的函",
			"60:60:0:60:60:-1:-1:-1:60:200:25:200:200:200:60:30:200:-1:30:200:60:-1:5:60"},
		{"关于2019年项目的复函", "60:60:-1:-1:-1:60:25:200:5:60:60"},
	} {
		r := []rune(c.title)
		var got []string
		for i := 1; i < len(r); i++ {
			got = append(got, strconv.Itoa(titleBreakPenalty(r, i)))
		}
		if g := strings.Join(got, ":"); g != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.title, g, c.want)
		}
	}
}

// TestDistributeCases covers every way distribute shares the width: natural widths spread,
// floors kept, the way from minimum to floor, minimums scaled down, and a common cap found
// by bisection (its float slack given to the widest column). The widths always fill avail.
func TestDistributeCases(t *testing.T) {
	for _, c := range []struct {
		ns    []colNeeds
		avail float64
		want  []float64
	}{
		{[]colNeeds{{10, 10}, {200, 20}, {30, 30}}, 150, []float64{10, 110, 30}},
		{[]colNeeds{{10, 5}, {30, 5}}, 80, []float64{20, 60}},
		{[]colNeeds{{300, 10}, {300, 10}, {20, 20}}, 60, []float64{20, 20, 20}},
		{[]colNeeds{{50, 40}, {60, 40}}, 60, []float64{30, 30}},
		{[]colNeeds{{50, 40}, {60, 40}}, 80, []float64{40, 40}},
		{[]colNeeds{{100, 5}, {70, 5}, {13, 5}}, 100, []float64{43.5, 43.5, 13}},
		{[]colNeeds{{120, 5}, {90, 10}, {40, 8}, {7, 7}}, 150.3, []float64{51.65, 51.65, 40, 7}},
	} {
		got := distribute(c.ns, c.avail)
		sum := 0.0
		for j := range got {
			sum += got[j]
			if math.Abs(got[j]-c.want[j]) > 1e-9 {
				t.Errorf("distribute(%v, %v) = %v, want %v", c.ns, c.avail, got, c.want)
				break
			}
		}
		if math.Abs(sum-c.avail) > 1e-9 {
			t.Errorf("distribute(%v, %v) = %v: sum %v", c.ns, c.avail, got, sum)
		}
	}
}
