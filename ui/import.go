package ui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier"
	"dossier/dossier/session"
	"dossier/dossier/store"
)

// onImport asks for a data file (CONTRACT.md) and imports it.
func (u *UI) onImport() {
	u.askFile(lang.L("导入数据文件"), []string{".json"}, u.importFile)
}

// importFile imports the data file at path (given on the command line).
func (u *UI) importFile(path string) {
	f, err := dossier.ReadFile(path)
	if err != nil {
		u.showError(importMessage(path, err), err)
		return
	}
	u.importParsed(path, f)
}

// importParsed stores the file as a new dossier (of the enterprise with its credit code, or a
// new one) and opens it. When the enterprise is stored with another profile, the user sees the
// differences and decides whether the file's profile replaces the stored one.
func (u *UI) importParsed(name string, f *dossier.File) {
	p := u.deps.Programmes.Get(f.Programme)
	if p == nil {
		var ids []string
		for _, p := range u.deps.Programmes.All() {
			ids = append(ids, p.ID)
		}
		u.showError(fmt.Sprintf(lang.L("无法导入 %s：数据文件的申报项目“%s”不在已知项目中（已知：%s）"), name, f.Programme, strings.Join(ids, "、")), nil)
		return
	}
	im, err := session.PlanImport(u.ctx, u.deps.Store, p, f, u.deps.Now)
	if err != nil {
		u.showError(fmt.Sprintf(lang.L("无法导入 %s：%s"), name, store.UserMessage(err)), err)
		return
	}
	if len(im.Changes) == 0 {
		u.saveImport(name, f, im, true)
		return
	}
	u.askProfileUpdate(im, func(update bool) { u.saveImport(name, f, im, update) })
}

// askProfileUpdate shows how the imported enterprise profile differs from the stored one and
// asks whether to replace it; closing the dialog keeps the stored profile.
func (u *UI) askProfileUpdate(im *session.Import, then func(update bool)) {
	lines := []string{fmt.Sprintf(lang.L("“%s”（统一社会信用代码 %s）已保存过，数据文件中的企业信息有%d处不同："),
		enterpriseLabel(im.Existing.Name), im.Existing.CreditCode, len(im.Changes))}
	for _, c := range im.Changes {
		lines = append(lines, fmt.Sprintf(lang.L("· %s：%s → %s"), c.Label, changeValue(c.Old), changeValue(c.New)))
	}
	lines = append(lines, "", lang.L("是否用数据文件中的企业信息更新已保存的企业信息？不更新时，导入的申报材料使用已保存的企业信息。"))
	label := &widget.Label{Text: strings.Join(lines, "\n"), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomConfirm(lang.L("企业信息不同"), lang.L("更新企业信息"), lang.L("保留已保存的"),
		container.NewVScroll(label), then, u.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// changeValue is a value in the list of profile changes; an empty one says so.
func changeValue(s string) string {
	if s == "" {
		return lang.L("（空）")
	}
	return s
}

// saveImport writes the planned import of data file f, copies the files its attachments name
// into the store, and opens the new dossier.
func (u *UI) saveImport(name string, f *dossier.File, im *session.Import, updateProfile bool) {
	id, err := im.Save(u.ctx, u.deps.Store, updateProfile)
	if err != nil {
		u.showError(fmt.Sprintf(lang.L("无法导入 %s：%s"), name, store.UserMessage(err)), err)
		return
	}
	u.copyImportedAttachments(id, f, name)
	u.app.Preferences().SetString(prefImportedFrom(id), encodeImportedFrom(name, u.today()))
	u.openDossier(id)
}

// prefImportedFrom is the preference key saying where the dossier id was imported from (the
// file and the day), shown on its home card and in its header.
func prefImportedFrom(id int64) string { return fmt.Sprintf("import.%d", id) }

// importOrigin is what the preference prefImportedFrom holds (as JSON): the facts, so that
// the sentence is written in the UI's language when it is shown.
type importOrigin struct {
	File string `json:"file"`
	At   string `json:"at"` // local time, "2006-01-02 15:04"
}

// encodeImportedFrom is the preference value for a dossier imported from file name at t.
func encodeImportedFrom(name string, t time.Time) string {
	b, _ := json.Marshal(importOrigin{File: name, At: t.Format("2006-01-02 15:04")})
	return string(b)
}

// oldImportedFrom is the finished Chinese sentence stored before the facts were.
var oldImportedFrom = regexp.MustCompile(`^导入自 (.*)（(\d{4}-\d\d-\d\d \d\d:\d\d)）$`)

// importedFrom says, in the UI's language, where the dossier was imported from, "" when it
// was not.
func (u *UI) importedFrom(id int64) string {
	v := u.app.Preferences().String(prefImportedFrom(id))
	var o importOrigin
	if err := json.Unmarshal([]byte(v), &o); err != nil || o.File == "" {
		m := oldImportedFrom.FindStringSubmatch(v)
		if m == nil {
			return v // "" or a text of another form: shown as it is
		}
		o = importOrigin{File: m[1], At: m[2]}
	}
	return fmt.Sprintf(lang.L("导入自 %s（%s）"), o.File, o.At)
}

// importMessage explains why a data file cannot be read; dossier's errors are Chinese already.
func importMessage(name string, err error) string {
	return "无法导入 " + name + "：" + err.Error()
}
