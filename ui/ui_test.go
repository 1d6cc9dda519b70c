package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier"
	"dossier/dossier/pack"
	"dossier/dossier/programme"
	"dossier/dossier/records/recordstest"
	"dossier/dossier/validate"
	"dossier/templates"
	uitheme "dossier/ui/theme"
)

// harness is a UI on the test driver with an in-memory store and a fixed date (the notice's).
type harness struct {
	t   *testing.T
	u   *UI
	st  *recordstest.MemStore
	win fyne.Window
}

var testToday = time.Date(2019, 5, 20, 10, 0, 0, 0, time.UTC)

func newHarness(t *testing.T, demo bool) *harness {
	a := useUILoop(t, test.NewTempApp(t))
	a.Settings().SetTheme(uitheme.New())
	if !demo {
		a.Preferences().SetBool(prefDemoCreated, true)
	}
	set, err := programme.LoadSet(templates.FS, os.DirFS(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	st := recordstest.NewMemStoreAt(testToday)
	u := New(a, w, Deps{Store: st, Programmes: set, Now: func() time.Time { return testToday }, Generator: "dossier test"})
	w.Resize(fyne.NewSize(1280, 820))
	return &harness{t: t, u: u, st: st, win: w}
}

func (h *harness) editor() *editor {
	h.t.Helper()
	ed, ok := h.u.current.(*editor)
	if !ok {
		h.t.Fatalf("current screen is %T, not an editor", h.u.current)
	}
	return ed
}

// section shows the section with the id.
func (h *harness) section(id string) {
	h.t.Helper()
	ed := h.editor()
	for k, i := range ed.visible {
		if ed.sections[i].id == id {
			ed.nav.Select(k)
			return
		}
	}
	h.t.Fatalf("section %s not shown", id)
}

func (h *harness) view(path string) *fieldView {
	h.t.Helper()
	v := h.editor().form.view(path)
	if v == nil {
		h.t.Fatalf("no field %s on screen", path)
	}
	return v
}

// typeIn types text into the (empty) entry of the field, key by key.
func (h *harness) typeIn(path, text string) {
	h.t.Helper()
	e, ok := h.view(path).input.(*widget.Entry)
	if !ok {
		h.t.Fatalf("%s is not an entry", path)
	}
	if e.Text != "" {
		e.SetText("")
	}
	test.Type(e, text)
}

func (h *harness) choose(path, label string) {
	h.t.Helper()
	switch w := h.view(path).input.(type) {
	case *widget.Select:
		w.SetSelected(label)
	case *fieldRadio:
		w.SetSelected(label)
	default:
		h.t.Fatalf("%s is a %T", path, w)
	}
}

func (h *harness) message(path string) string {
	v := h.view(path)
	if !v.msg.Visible() {
		return ""
	}
	return v.msg.Text
}

func (h *harness) rule(id string) string {
	row := h.editor().panel.rows[id]
	if row == nil {
		h.t.Fatalf("no rule %s in the panel", id)
	}
	return row.title.Text
}

func TestFirstStartShowsDemo(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	if got := ed.panel.verdict.Text; got != "✓ 符合申报条件" {
		t.Errorf("demo verdict %q", got)
	}
	if !strings.Contains(ed.title.Text, "山西汾河智能装备有限公司") {
		t.Errorf("title %q", ed.title.Text)
	}
	h.u.showHome()
	if len(h.u.home.ents) != 1 || h.u.home.ents[0].CreditCode != "91140105MA0K7D3Q0A" {
		t.Fatalf("home lists %+v", h.u.home.ents)
	}
	// A second start does not add another demo.
	if h.u.ensureDemo() != 0 {
		t.Error("demo created twice")
	}
}

// Fill a dossier from nothing, the way a user does: type, choose, add a table row; watch the
// messages and the eligibility panel follow; export the package and verify it.
func TestFillFromEmptyAndExport(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	test.Tap(findButton(t, h.u.home.obj, "新建企业"))
	h.typeIn("enterprise.name", "山西示例科技有限公司")
	h.u.showHome()
	test.Tap(findButton(t, h.u.home.obj, "新建申报"))
	h.u.home.pick.SetSelected("2019年山西省技术改造专项资金技术创新提升专项（第一批）")
	h.u.home.pickDone(true)
	ed := h.editor()
	if ed.profileOnly || ed.sess.Name() != "山西示例科技有限公司" {
		t.Fatalf("new dossier: profileOnly=%v name=%q", ed.profileOnly, ed.sess.Name())
	}

	h.section("_application")
	h.typeIn("applied_on", "2019-04-15") // before the 2019-04-20 deadline of the category chosen below

	h.section("identity")
	h.typeIn("enterprise.credit_code", "91140105MA0K7D3Q2X")
	if msg := h.message("enterprise.credit_code"); !strings.Contains(msg, "校验") && msg == "" {
		t.Fatalf("no message for a wrong credit code")
	}
	h.typeIn("enterprise.credit_code", "91140105MA0K7D3Q0A")
	if msg := h.message("enterprise.credit_code"); msg != "" {
		t.Fatalf("message for a right credit code: %q", msg)
	}
	for path, text := range map[string]string{
		"enterprise.registered_on": "2009-03-16", "enterprise.province": "山西省", "enterprise.city": "太原市",
		"enterprise.address": "太原市小店区长治路299号", "enterprise.legal_representative": "王建国",
		"enterprise.employees": "486", "enterprise.tech_staff": "97",
	} {
		h.typeIn(path, text)
	}
	h.choose("enterprise.industry_section", "C 制造业")
	h.choose("enterprise.credit_blacklisted", "否")

	h.section("contact")
	h.typeIn("enterprise.contact_name", "李晓敏")
	h.typeIn("enterprise.contact_phone", "0351-7658821")
	h.typeIn("enterprise.email", "xiaomin.li@fenhe-zb.cn")

	h.section("finance")
	test.Tap(h.view("enterprise.finance").table.add)
	h.typeIn("enterprise.finance[0].year", "2018")
	h.typeIn("enterprise.finance[0].main_revenue", "1499.99")
	if r := h.rule("main-revenue-2018"); !strings.HasPrefix(r, "✘") {
		t.Errorf("1499.99: rule shows %q", r)
	}
	h.typeIn("enterprise.finance[0].main_revenue", "1,500.00")
	if r := h.rule("main-revenue-2018"); !strings.HasPrefix(r, "✓") {
		t.Errorf("1,500.00: rule shows %q", r)
	}

	h.section("project")
	h.typeIn("project_name", "智能控制系统研发项目")
	h.choose("category", "创新能力培育")
	h.typeIn("category_basis", "2018年新获批省级企业技术中心。")
	if n := h.view("category_basis").count.Text; n != fmt.Sprintf("%d/300字", validate.CharCount("2018年新获批省级企业技术中心。")) {
		t.Errorf("字数 shows %q", n)
	}
	h.typeIn("total_investment", "２８６０")
	h.typeIn("requested_amount", "300")
	h.typeIn("construction_period", "2019年1月—2020年12月")
	h.typeIn("summary", "研发矿用综采工作面智能控制系统。")
	h.typeIn("project_leader", "赵文博")
	// The conditional section comes and goes with the category.
	nav := len(ed.visible)
	h.choose("category", "研发费用加计扣除奖励")
	if len(ed.visible) != nav+1 {
		t.Errorf("rd section not shown: %d → %d sections", nav, len(ed.visible))
	}
	h.choose("category", "创新能力培育")

	h.section("conditions")
	h.choose("legal_person", "是")
	h.choose("fits_catalogue", "是")
	h.choose("other_provincial_funding", "否")
	h.choose("tech_center_level", "省级企业技术中心")

	h.section("report")
	for _, id := range []string{"company_intro", "background", "tech_basis", "plan", "funding_plan", "benefits"} {
		h.typeIn(id, "正文。")
	}

	if !ed.sess.Evaluate().Eligible() {
		t.Fatalf("not eligible after filling: %+v %+v", ed.sess.Evaluate().Problems, ed.sess.Evaluate().Rules)
	}
	if got := ed.panel.verdict.Text; got != "✓ 符合申报条件" {
		t.Errorf("verdict %q", got)
	}

	// Export: the folder picker is replaced by a fixed folder.
	dir := t.TempDir()
	ed.pickFolder = func(then func(string)) { then(dir) }
	ed.onExport()
	out := filepath.Join(dir, ed.packageName())
	waitFor(t, 60*time.Second, func() bool {
		r, err := pack.Verify(out)
		return err == nil && r.Intact()
	})
	m, _ := pack.Verify(out)
	if len(m.Manifest.Files) < 3 {
		t.Errorf("package has %d files", len(m.Manifest.Files))
	}
	// The package's data file is the contract's: amounts as numbers.
	f, err := dossier.ReadFile(pack.FindDataFile(out))
	if err != nil {
		t.Fatal(err)
	}
	fin := f.Enterprise["finance"].([]any)[0].(map[string]any)
	if got := fin["main_revenue"]; got != jsonNumber("1500") {
		t.Errorf("main_revenue in the package: %#v", got)
	}
}

func TestAutosaveAndReturnKey(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	h.section("project")
	h.typeIn("project_name", "新项目名称")
	// Return in a one-line entry neither submits nor navigates.
	e := h.view("project_name").input.(*widget.Entry)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.u.current != ed || e.Text != "新项目名称" {
		t.Fatal("Return changed the screen or the text")
	}
	waitFor(t, 5*time.Second, func() bool {
		d, err := h.st.Dossier(h.u.ctx, ed.dossierID)
		return err == nil && bytes.Contains(d.Data, []byte("新项目名称")) && d.Title == "新项目名称"
	})
	// Leaving saves synchronously; the home screen lists the new title.
	h.typeIn("project_name", "再改一次")
	h.u.showHome()
	d, _ := h.st.Dossier(h.u.ctx, ed.dossierID)
	if d.Title != "再改一次" {
		t.Errorf("title after leaving: %q", d.Title)
	}
}

func TestReviewJumpsToField(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	h.section("contact")
	h.typeIn("enterprise.email", "not-an-email")
	h.section("report")
	ed.onReview()
	r := ed.review
	idx := -1
	for i, it := range r.items {
		if it.field == "enterprise.email" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("review lacks the e-mail problem: %+v", r.items)
	}
	test.Tap(r.rows.Objects[idx].(*reviewRow))
	if ed.sections[ed.current].id != "contact" {
		t.Errorf("jumped to section %s", ed.sections[ed.current].id)
	}
	if h.win.Canvas().Focused() != h.view("enterprise.email").focus {
		t.Error("the e-mail entry does not have the focus")
	}
}

func TestHomeSearchDeleteUndo(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.u.showHome()
	home := h.u.home
	test.Type(home.search, "不存在")
	if len(home.ents) != 0 {
		t.Fatal("search found a missing enterprise")
	}
	home.search.SetText("")
	test.Type(home.search, "91140105ma")
	if len(home.ents) != 1 {
		t.Fatal("search by credit code (lower case) failed")
	}
	home.search.SetText("")
	test.Tap(findButton(t, home.detail, "删除企业"))
	if len(home.ents) != 0 || !home.undo.obj.Visible() {
		t.Fatal("enterprise not deleted or no undo offered")
	}
	test.Tap(home.undo.button)
	if len(home.ents) != 1 {
		t.Fatal("undo did not bring the enterprise back")
	}
	if ds, _ := h.st.Dossiers(h.u.ctx, home.ents[0].ID); len(ds) != 1 {
		t.Fatalf("undo restored %d dossiers", len(ds))
	}
}

func TestImportBadFileShowsNoPanic(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	for _, src := range []string{"", "{", `{"programme": "nope"}`, `[]`, `{"programme": "shanxi-techinnov-2019", "enterprise": {"finance": "x"}}`} {
		path := filepath.Join(t.TempDir(), "x.json")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		h.u.importFile(path)
	}
}

func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *focusButton:
			if x.Text == text {
				found = &x.Button
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(root)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func waitFor(t *testing.T, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for runUIWork(); !ok(); runUIWork() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestKeystrokeCost measures one keystroke on the demo form: Set, evaluation, messages, list
// marks and eligibility panel (reported, and bounded loosely so a regression shows).

// An amount reads 1,500.00 after the user leaves the field; while typing it stays as typed.
func TestAmountGroupedOnLeave(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.section("project")
	v := h.view("total_investment")
	e := v.input.(*widget.Entry)
	if e.Text != "2,860.00" {
		t.Errorf("demo amount shows %q, want 2,860.00", e.Text)
	}
	h.win.Canvas().Focus(v.focus)
	e.SetText("")
	test.Type(e, "１２３４５.６")
	if e.Text != "１２３４５.６" {
		t.Fatalf("reformatted while typing: %q", e.Text)
	}
	h.win.Canvas().Unfocus()
	if e.Text != "12,345.60" {
		t.Errorf("after leaving: %q", e.Text)
	}
	if got := h.editor().sess.Get("total_investment"); got != "12,345.60" {
		t.Errorf("session holds %q", got)
	}
	// A typo stays for the user to fix, with its message.
	h.win.Canvas().Focus(v.focus)
	e.SetText("12,3x")
	h.win.Canvas().Unfocus()
	if e.Text != "12,3x" || !strings.Contains(h.message("total_investment"), "不是数字") {
		t.Errorf("typo: %q, message %q", e.Text, h.message("total_investment"))
	}
}

// Escape closes the review, and the window's keys work as before afterwards.
func TestEscapeClosesReview(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	ed := h.editor()
	before := h.win.Canvas().OnTypedKey()
	ed.onReview()
	if !ed.reviewing() {
		t.Fatal("review not shown")
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.reviewing() {
		t.Fatal("Escape did not close the review")
	}
	if (h.win.Canvas().OnTypedKey() == nil) != (before == nil) {
		t.Error("the window's key handler was not restored")
	}
}
