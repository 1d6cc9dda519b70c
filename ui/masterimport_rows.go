package ui

import (
	"dossier/dossier/records"
	"dossier/dossier/session"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier"
	"dossier/dossier/master"
	"dossier/dossier/programme"
	"dossier/dossier/store"
)

// masterRow is one row of the master with what importing it would do.
type masterRow struct {
	master.Row
	code    string         // 统一社会信用代码 as the row gives it
	entID   int64          // the enterprise with that credit code; 0 for a new one
	entName string         // its name in the store
	merged  map[string]any // the profile after the import (Merge)
	changes []master.Change
	known   bool   // the enterprise was in the store before the import
	hasOwn  bool   // the enterprise already has a dossier of the programme: none is added
	twin    int    // an earlier row of the master with the same credit code (this one is not imported)
	checked bool   // chosen for 导入所选的行
	done    string // what the import did, "" before
	failed  string // why the import failed
	// dossierID is the dossier the import created or found (0 before the import).
	dossierID int64
}

// good reports whether the row can be imported.
func (r *masterRow) good() bool { return r.File != nil && r.twin == 0 }

// analyse finds each correct row's enterprise by credit code and what the import would change.
// It runs off the UI goroutine: it only reads the store.
func analyse(u *UI, p *programme.Programme, rows []master.Row) ([]masterRow, error) {
	ents, err := u.deps.Store.Enterprises(u.ctx, "")
	if err != nil {
		return nil, err
	}
	byCode := map[string]*records.Enterprise{}
	for i := range ents {
		if c := ents[i].CreditCode; c != "" && byCode[c] == nil {
			byCode[c] = &ents[i]
		}
	}
	out := make([]masterRow, len(rows))
	seen := map[string]int{}
	for i, row := range rows {
		r := &out[i]
		r.Row = row
		if row.File == nil {
			continue
		}
		r.code, _ = row.File.Enterprise["credit_code"].(string)
		r.merged = row.File.Enterprise
		if r.code == "" {
			continue
		}
		if first, ok := seen[r.code]; ok {
			r.twin = first
			continue
		}
		seen[r.code] = row.Number
		e := byCode[r.code]
		if e == nil {
			continue
		}
		r.entID, r.entName, r.known = e.ID, e.Name, true
		old := records.DecodeProfile(e.Profile)
		r.merged = master.Merge(old, row.File.Enterprise)
		r.changes = master.Changes(p, old, r.merged)
		ds, err := u.deps.Store.Dossiers(u.ctx, e.ID)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if d.Programme == programmeID(p) {
				r.hasOwn, r.dossierID = true, d.ID
			}
		}
	}
	return out, nil
}

// resultText is the list's result column: 正确 with what the import does, or the problems.
func (r *masterRow) resultText() (string, widget.Importance) {
	switch {
	case r.failed != "":
		return r.failed, widget.DangerImportance
	case r.done != "":
		return r.done, widget.SuccessImportance
	case r.File == nil:
		return lang.L("有误：") + strings.Join(shortProblems(r.Problems), "；"), widget.DangerImportance
	case r.twin != 0:
		return fmt.Sprintf(lang.L("有误：与第%d行的统一社会信用代码相同"), r.twin), widget.DangerImportance
	case !r.known:
		return lang.L("正确 · 新企业"), widget.SuccessImportance
	case len(r.changes) > 0:
		return fmt.Sprintf(lang.L("正确 · 已有企业，将更改%d项"), len(r.changes)), widget.WarningImportance
	}
	return lang.L("正确 · 已有企业，企业信息相同"), widget.SuccessImportance
}

// shortProblems are the problems without their "第5行" (the list shows the row number).
func shortProblems(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		if strings.HasPrefix(p, "第") {
			if j := strings.Index(p, "行"); j > 0 && j < 12 {
				p = p[j+len("行"):]
			}
		}
		out[i] = p
	}
	return out
}

// showRow shows a row in full beside the list: its problems, or what the import would change.
func (m *masterScreen) showRow(id int) {
	if id < 0 || id >= len(m.rows) {
		return
	}
	m.shown = id
	r := &m.rows[id]
	d := m.detail
	d.RemoveAll()
	name := r.Name
	if name == "" {
		name = lang.L("（未填企业名称）")
	}
	d.Add(&widget.Label{Text: fmt.Sprintf(lang.L("第%d行：%s"), r.Number, name), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
	if r.code != "" {
		d.Add(&widget.Label{Text: lang.L("统一社会信用代码：") + r.code})
	}
	text, imp := r.resultText()
	wrapped := func(s string, imp widget.Importance) *widget.Label {
		return &widget.Label{Text: s, Importance: imp, Wrapping: fyne.TextWrapWord}
	}
	switch {
	case r.File == nil:
		d.Add(wrapped(lang.L("这一行有误，不导入。请在名单中改正后重新选择文件："), widget.MediumImportance))
		for _, p := range shortProblems(r.Problems) {
			d.Add(wrapped("·"+p, widget.DangerImportance))
		}
	case r.twin != 0:
		d.Add(wrapped(text, imp))
	case !r.known:
		d.Add(wrapped(text, imp))
		if r.done == "" {
			d.Add(wrapped(lang.L("导入时新建这家企业和一份申报材料。"), widget.MediumImportance))
		}
	default:
		d.Add(wrapped(text, imp))
		d.Add(wrapped(fmt.Sprintf(lang.L("程序中已有这家企业（“%s”），按统一社会信用代码对应。"), r.entName), widget.MediumImportance))
		m.addPending(r)
	}
	if r.dossierID != 0 || r.entID != 0 {
		d.Add(m.rowButtons(r))
	}
	d.Refresh()
}

// addPending shows, before the import, what it would do to an enterprise already there.
func (m *masterScreen) addPending(r *masterRow) {
	if r.done != "" {
		return
	}
	if len(r.changes) > 0 {
		m.detail.Add(&widget.Label{Text: lang.L("导入将更改企业信息的以下各项（确认后才更改）："), Wrapping: fyne.TextWrapWord})
		m.detail.Add(changeGrid(r.changes))
	}
	if r.hasOwn {
		m.detail.Add(&widget.Label{Text: lang.L("这家企业已有本项目的申报材料，导入只更新企业信息，不另建申报材料。"), Wrapping: fyne.TextWrapWord})
	}
}

func (m *masterScreen) rowButtons(r *masterRow) fyne.CanvasObject {
	box := container.NewHBox()
	if r.entID != 0 {
		id := r.entID
		box.Add(&widget.Button{Text: lang.L("企业信息"), Icon: theme.DocumentIcon(), OnTapped: func() { m.u.openEnterprise(id) }})
	}
	if r.dossierID != 0 {
		id := r.dossierID
		box.Add(&widget.Button{Text: lang.L("打开申报材料"), Icon: theme.DocumentCreateIcon(), Importance: widget.HighImportance, OnTapped: func() { m.u.openDossier(id) }})
	}
	return box
}

// changeGrid shows changes as 字段 / 现在 / 导入后.
func changeGrid(cs []master.Change) fyne.CanvasObject {
	g := container.NewGridWithColumns(3,
		&widget.Label{Text: lang.L("字段"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: lang.L("现在"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: lang.L("导入后"), TextStyle: fyne.TextStyle{Bold: true}})
	empty := func(s string) string {
		if s == "" {
			return lang.L("（空）")
		}
		return s
	}
	for _, c := range cs {
		g.Add(&widget.Label{Text: c.Label, Wrapping: fyne.TextWrapWord})
		g.Add(&widget.Label{Text: empty(c.Old), Wrapping: fyne.TextWrapWord})
		g.Add(&widget.Label{Text: empty(c.New), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	return g
}

func (m *masterScreen) onSelectAll() {
	for i := range m.rows {
		m.rows[i].checked = m.rows[i].good() && m.rows[i].done == ""
	}
	m.list.Refresh()
}

// onImport imports the chosen rows (all correct ones, or those ticked). Existing enterprises
// whose profile would change are listed with their changes first; nothing is written before
// the user confirms.
func (m *masterScreen) onImport(all bool) {
	if m.busy {
		return
	}
	var todo, changed []int
	for i := range m.rows {
		r := &m.rows[i]
		if !r.good() || r.done != "" || (!all && !r.checked) {
			continue
		}
		todo = append(todo, i)
		if r.known && len(r.changes) > 0 {
			changed = append(changed, i)
		}
	}
	if len(todo) == 0 {
		dialog.ShowInformation(lang.L("导入企业名单"), lang.L("没有选择要导入的行：请勾选正确的行，或点“导入全部正确的行”。"), m.u.win)
		return
	}
	if len(changed) == 0 {
		m.run(todo)
		return
	}
	box := container.NewVBox(&widget.Label{Text: fmt.Sprintf(lang.L("以下%d家企业已在程序中，导入会更改它们的企业信息："), len(changed)), Wrapping: fyne.TextWrapWord})
	for _, i := range changed {
		r := &m.rows[i]
		box.Add(&widget.Label{Text: fmt.Sprintf(lang.L("第%d行：%s"), r.Number, r.entName), TextStyle: fyne.TextStyle{Bold: true}})
		box.Add(changeGrid(r.changes))
	}
	var d *dialog.ConfirmDialog
	m.confirm = func(ok bool) {
		m.confirm = nil
		d.Hide()
		if ok {
			m.run(todo)
		}
	}
	d = dialog.NewCustomConfirm(lang.L("确认更改企业信息"), lang.L("确认更改并导入"), lang.L("取消"), container.NewVScroll(box), func(ok bool) {
		if m.confirm != nil {
			m.confirm(ok)
		}
	}, m.u.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// run imports the rows off the UI goroutine, the progress bar counting them.
func (m *masterScreen) run(todo []int) {
	m.busy = true
	m.loaded = make(chan struct{})
	m.enable()
	m.list.Refresh()
	m.bar.Min, m.bar.Max = 0, float64(len(todo))
	m.bar.SetValue(0)
	m.bar.Show()
	m.info.SetText(fmt.Sprintf(lang.L("正在导入%d行……"), len(todo)))
	rows := make([]masterRow, len(todo))
	for k, i := range todo {
		rows[k] = m.rows[i]
	}
	prog := m.prog
	go func() {
		for k := range rows {
			importRow(m.u, prog, &rows[k])
			n := k + 1
			fyne.Do(func() { m.bar.SetValue(float64(n)) })
		}
		fyne.Do(func() { m.onImported(todo, rows) })
	}()
}

func (m *masterScreen) onImported(todo []int, rows []masterRow) {
	defer close(m.loaded)
	m.busy = false
	m.bar.Hide()
	created, updated, failed := 0, 0, 0
	for k, i := range todo {
		r := rows[k]
		r.checked = false
		switch {
		case r.failed != "":
			failed++
		case r.known && len(r.changes) > 0:
			updated++
		case !r.known:
			created++
		}
		m.rows[i] = r
	}
	m.list.Refresh()
	m.enable()
	if m.shown >= 0 {
		m.showRow(m.shown)
	}
	msg := fmt.Sprintf(lang.L("已导入%d行：新建企业%d家，更新企业信息%d家。"), len(todo)-failed, created, updated)
	if failed > 0 {
		msg += fmt.Sprintf(lang.L("有%d行未能导入，原因见列表。"), failed)
	}
	m.info.SetText(msg)
	if m.u.home != nil {
		m.u.home.sel = 0
	}
}

// importRow stores one row: its enterprise (new, or updated with the merged profile) and,
// unless the enterprise has one of the programme already, a dossier. Off the UI goroutine.
func importRow(u *UI, p *programme.Programme, r *masterRow) {
	f := *r.File
	f.Enterprise = r.merged
	if r.hasOwn && len(r.changes) == 0 {
		r.done = lang.L("企业信息相同，未更改（已有本项目的申报材料）")
		return
	}
	if r.hasOwn {
		if err := updateProfile(u, r.entID, &f); err != nil {
			r.failed = lang.L("未能导入：") + storeMessage(err)
			return
		}
		r.done = lang.L("已更新企业信息（已有本项目的申报材料）")
		return
	}
	// The user has seen and confirmed a known enterprise's changes (onImport): the
	// merged profile replaces the stored one in the same transaction as the new dossier.
	im, err := session.PlanImport(u.ctx, u.deps.Store, p, &f, u.deps.Now)
	var id int64
	if err == nil {
		id, err = im.Save(u.ctx, u.deps.Store, r.known)
	}
	if err != nil {
		r.failed = lang.L("未能导入：") + storeMessage(err)
		return
	}
	r.dossierID = id
	if d, err := u.deps.Store.Dossier(u.ctx, id); err == nil {
		r.entID = d.EnterpriseID
	}
	if r.known {
		r.done = lang.L("已导入 · 已更新企业信息，新建申报材料")
	} else {
		r.done = lang.L("已导入 · 新建企业和申报材料")
	}
}

// updateProfile saves the enterprise's merged profile (its dossiers keep their own data).
func updateProfile(u *UI, id int64, f *dossier.File) error {
	e, err := u.deps.Store.Enterprise(u.ctx, id)
	if err != nil {
		return err
	}
	b, err := json.Marshal(f.Enterprise)
	if err != nil {
		return err
	}
	e.Profile = b
	if name, _ := f.Enterprise["name"].(string); name != "" {
		e.Name = name
	}
	return u.deps.Store.SaveEnterprise(u.ctx, e)
}

// storeMessage is a store error in the user's words.
func storeMessage(err error) string { return store.UserMessage(err) }
