package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/dossier/pack"
	"dossier/dossier/programme"
)

// aboutButton is the dossier header's 关于此项目 button: it names the template in use (its
// version and whether it is shipped or the user's) and opens the details.
func (e *editor) aboutButton() *widget.Button {
	pv := e.sess.Programme().Provenance()
	text := fmt.Sprintf(lang.L("模板 v%d（%s）"), pv.Version, sourceLabel(pv.Source))
	return &widget.Button{Text: text, Icon: theme.InfoIcon(), Importance: widget.LowImportance, OnTapped: e.onAbout}
}

// templateText says which template a programme comes from: id, version, shipped or the user's
// (with its file and the files it extends), and a short checksum.
func (u *UI) templateText(p *programme.Programme) string {
	pv := p.Provenance()
	s := fmt.Sprintf(lang.L("模板：%s，版本%d，%s模板"), pv.ID, pv.Version, sourceLabel(pv.Source))
	if pv.Source == programme.SourceUser {
		file := p.File
		if dir, _ := u.templateDir(); dir != "" {
			file = filepath.Join(dir, p.File)
		}
		s += "\n" + lang.L("文件：") + file
	}
	if len(p.Files) > 1 {
		s += "\n" + lang.L("继承自") + " " + strings.Join(p.Files[1:], " → ")
	}
	return s + "\nSHA-256 " + shortSum(pv.SHA256)
}

// manifestTemplateText says which template a package was built with (its manifest.json).
func manifestTemplateText(m *pack.Manifest) string {
	if m == nil || m.Template == nil {
		return lang.L("申报包清单未记录所用模板（较早版本的程序生成）。")
	}
	t := m.Template
	return fmt.Sprintf(lang.L("申报包所用模板（manifest.json）：%s，版本%d，%s模板，SHA-256 %s"), t.ID, t.Version, sourceLabel(t.Source), shortSum(t.SHA256))
}

func shortSum(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// onAbout shows 关于此项目: the programme, its notice, the template in use and, once a package
// was exported, the template its manifest records.
func (e *editor) onAbout() {
	p := e.sess.Programme()
	lines := []fyne.CanvasObject{
		&widget.Label{Text: p.Title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
	}
	if p.Document != "" || p.Notice != "" {
		lines = append(lines, &widget.Label{Text: strings.TrimSpace(p.Document + " " + p.Notice), Wrapping: fyne.TextWrapWord})
	}
	lines = append(lines, widget.NewSeparator(), &widget.Label{Text: e.u.templateText(p), Wrapping: fyne.TextWrapWord})
	if e.lastManifest != nil {
		lines = append(lines, widget.NewSeparator(),
			&widget.Label{Text: lang.L("最近导出的申报包：") + e.lastExport, Wrapping: fyne.TextWrapBreak},
			&widget.Label{Text: manifestTemplateText(e.lastManifest), Wrapping: fyne.TextWrapWord})
	}
	d := dialog.NewCustom(lang.L("关于此项目"), lang.L("关闭"), container.NewVBox(lines...), e.u.win)
	d.Resize(fyne.NewSize(640, 320))
	showEscapable(d, e.u.win)
}
