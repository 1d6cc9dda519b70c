package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/records"
	"dossier/dossier/session"
)

// homeScreen lists the enterprises (searchable by name or credit code) and, for the one
// selected, its dossiers with programme, status and deadline.
type homeScreen struct {
	u      *UI
	search *widget.Entry
	list   *widget.List
	ents   []records.Enterprise
	sel    int64 // selected enterprise id
	detail *fyne.Container
	undo   *undoBar
	obj    fyne.CanvasObject
	dl     deadlineCache

	pick     *widget.Select // the programme choice of 新建申报
	pickDone func(ok bool)  // its confirm button
}

func newHomeScreen(u *UI) *homeScreen {
	h := &homeScreen{u: u, dl: deadlineCache{}}
	h.buildUI()
	return h
}

func (h *homeScreen) buildUI() {
	h.search = &widget.Entry{PlaceHolder: lang.L("按企业名称或统一社会信用代码查找（Ctrl+F）")}
	h.search.ExtendBaseWidget(h.search)
	h.search.OnChanged = func(string) { h.reload() }
	h.list = &widget.List{
		Length: func() int { return len(h.ents) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewVBox(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{SizeName: theme.SizeNameCaptionText})
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(enterpriseLabel(h.ents[id].Name))
			code := h.ents[id].CreditCode
			if code == "" {
				code = lang.L("（未填统一社会信用代码）")
			}
			if h.u.isDemo(h.ents[id].ID) {
				code = lang.L("示例 · ") + code
			}
			box.Objects[1].(*widget.Label).SetText(code)
		},
		OnSelected: func(id widget.ListItemID) {
			if id < len(h.ents) && h.ents[id].ID != h.sel {
				h.sel = h.ents[id].ID
				h.showDetail()
			}
		},
	}
	h.list.ExtendBaseWidget(h.list)
	newEnt := &widget.Button{Text: lang.L("新建企业"), Icon: theme.ContentAddIcon(), OnTapped: h.onNewEnterprise}
	imp := &widget.Button{Text: lang.L("导入数据文件"), Icon: theme.FolderOpenIcon(), OnTapped: h.u.onImport}
	master := &widget.Button{Text: lang.L("导入企业名单"), Icon: theme.ListIcon(), OnTapped: h.u.showMasterImport}
	agg := &widget.Button{Text: lang.L("汇总"), Icon: theme.GridIcon(), OnTapped: h.u.showAggregate}
	tpl := &widget.Button{Text: lang.L("模板"), Icon: theme.FileTextIcon(), OnTapped: h.u.showTemplates}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(newEnt, imp, master, agg, tpl), h.search)
	h.detail = container.NewVBox()
	h.undo = newUndoBar()
	split := container.NewHSplit(h.list, container.NewVScroll(container.NewPadded(h.detail)))
	split.Offset = 0.3
	h.obj = container.NewBorder(container.NewPadded(top), h.undo.obj, nil, nil, split)
}

func (h *homeScreen) content() fyne.CanvasObject { return h.obj }
func (h *homeScreen) leave()                     {}
func (h *homeScreen) save()                      {}

// reload lists the enterprises matching the search and shows the selected one.
func (h *homeScreen) reload() {
	ents, err := h.u.deps.Store.Enterprises(h.u.ctx, h.search.Text)
	if err != nil {
		h.u.storeError(lang.L("无法读取企业列表"), err)
		return
	}
	h.ents = ents
	h.list.UnselectAll()
	h.list.Refresh()
	idx := -1
	for i, e := range ents {
		if e.ID == h.sel {
			idx = i
		}
	}
	if idx < 0 && len(ents) > 0 {
		idx, h.sel = 0, ents[0].ID
	}
	if idx >= 0 {
		h.list.Select(idx)
	} else {
		h.sel = 0
	}
	h.showDetail()
}

// showDetail shows the selected enterprise and its dossiers.
func (h *homeScreen) showDetail() {
	h.detail.Objects = nil
	defer h.detail.Refresh()
	var ent *records.Enterprise
	for i := range h.ents {
		if h.ents[i].ID == h.sel {
			ent = &h.ents[i]
		}
	}
	if ent == nil {
		msg := lang.L("还没有企业。点“新建企业”开始，或导入一个数据文件。")
		if h.search.Text != "" {
			msg = fmt.Sprintf(lang.L("没有找到名称或统一社会信用代码包含“%s”的企业。"), h.search.Text)
		}
		h.detail.Add(&widget.Label{Text: msg, Wrapping: fyne.TextWrapWord})
		return
	}
	id := ent.ID
	h.detail.Add(&widget.Label{Text: enterpriseLabel(ent.Name), SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
	h.detail.Add(&widget.Label{Text: lang.L("统一社会信用代码：") + ent.CreditCode})
	if h.u.isDemo(id) {
		h.detail.Add(&widget.Label{Text: lang.L("这是示例企业，数据是虚构的，用来演示本程序怎样填写和检查申报材料。可以随意修改；不需要时点“删除企业”，从空白开始（“新建企业”）。"),
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	h.detail.Add(container.NewHBox(
		&widget.Button{Text: lang.L("企业信息"), Icon: theme.DocumentIcon(), OnTapped: func() { h.u.openEnterprise(id) }},
		&widget.Button{Text: lang.L("新建申报"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: func() { h.onNewDossier(id) }},
		&widget.Button{Text: lang.L("政策匹配"), Icon: theme.SearchIcon(), OnTapped: func() { h.u.showMatch(id) }},
		&widget.Button{Text: lang.L("删除企业"), Icon: theme.DeleteIcon(), OnTapped: func() { h.onDeleteEnterprise(id, ent.Name) }},
	))
	h.detail.Add(widget.NewSeparator())
	ds, err := h.u.deps.Store.Dossiers(h.u.ctx, id)
	if err != nil {
		h.u.storeError(lang.L("无法读取申报材料"), err)
		return
	}
	if len(ds) == 0 {
		h.detail.Add(&widget.Label{Text: lang.L("这家企业还没有申报材料。点“新建申报”选择要申报的项目。"), Wrapping: fyne.TextWrapWord})
	}
	for _, d := range ds {
		h.detail.Add(h.dossierCard(d))
	}
}

// dossierCard shows one dossier: title, programme, status, deadline and days left.
func (h *homeScreen) dossierCard(d records.Dossier) fyne.CanvasObject {
	id := d.ID
	prog := d.Programme
	if p := h.u.deps.Programmes.Get(d.Programme); p != nil {
		prog = session.ProgrammeName(p)
	}
	status := statusText(d.Status)
	info := prog
	if y := h.dl.year(h.u, d); y > 0 {
		info += fmt.Sprintf(lang.L("　·　申报年度%d"), y)
	}
	info += fmt.Sprintf(lang.L("　·　状态：%s　·　最后修改 %s"), status, d.Updated.Local().Format("2006-01-02 15:04"))
	lines := []fyne.CanvasObject{
		&widget.Label{Text: d.Title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: info, Wrapping: fyne.TextWrapWord},
	}
	if dl := h.dl.text(h.u, d); dl != "" {
		lines = append(lines, &widget.Label{Text: dl, SizeName: theme.SizeNameCaptionText})
	}
	if from := h.u.importedFrom(id); from != "" {
		lines = append(lines, &widget.Label{Text: from, SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord})
	}
	buttons := container.NewHBox(
		&widget.Button{Text: lang.L("打开"), Icon: theme.DocumentCreateIcon(), Importance: widget.HighImportance, OnTapped: func() { h.u.openDossier(id) }},
		&widget.Button{Text: lang.L("复制"), Icon: theme.ContentCopyIcon(), OnTapped: func() { h.onDuplicate(id) }},
		&widget.Button{Text: lang.L("删除"), Icon: theme.DeleteIcon(), OnTapped: func() { h.onDeleteDossier(id, d.Title) }},
	)
	lines = append(lines, buttons)
	return &widget.Card{Content: container.NewVBox(lines...)}
}

// deadlineCache remembers each dossier's deadline and 申报年度 by its last save (the deadline
// can depend on the answers, e.g. the 申报类别).
type deadlineCache map[int64]deadlineEntry

type deadlineEntry struct {
	updated time.Time
	text    string
	year    int // the year of the 申报日期
}

func (c deadlineCache) get(u *UI, d records.Dossier) deadlineEntry {
	if hit, ok := c[d.ID]; ok && hit.updated.Equal(d.Updated) {
		return hit
	}
	hit := deadlineEntry{updated: d.Updated}
	if ev := u.evaluateStored(d.ID); ev != nil {
		hit.text = deadlineText(ev.Deadline, ev.DeadlineLabel, u.today())
		if !ev.AppliedOn.IsZero() {
			hit.year = ev.AppliedOn.Year()
		}
	}
	c[d.ID] = hit
	return hit
}

func (c deadlineCache) text(u *UI, d records.Dossier) string { return c.get(u, d).text }

func (c deadlineCache) year(u *UI, d records.Dossier) int { return c.get(u, d).year }
