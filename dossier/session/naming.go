package session

import (
	"strings"

	"dossier/dossier/fsafe"
	"dossier/dossier/programme"
	"dossier/dossier/records"
)

// ProgrammeName is what a programme is called in lists, dossier titles and file names: its
// short title, else its title.
func ProgrammeName(p *programme.Programme) string {
	if p.ShortTitle != "" {
		return p.ShortTitle
	}
	return p.Title
}

// DossierTitle is the name a dossier of p with these answers goes by: the text of p's title
// field (the template's title_field), else the programme's name.
func DossierTitle(p *programme.Programme, answers map[string]any) string {
	if id := p.TitleField(); id != "" {
		if t := strings.TrimSpace(display(answers[id])); t != "" {
			return t
		}
	}
	return ProgrammeName(p)
}

// Title is the dossier's name as it stands (DossierTitle).
func (s *Session) Title() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return DossierTitle(s.prog, s.file.Answers)
}

// EnterpriseName is the enterprise's name as stored and filed (records.EnterpriseName):
// 未命名企业 before one is entered.
func (s *Session) EnterpriseName() string { return records.EnterpriseName(s.Name()) }

// PackageName is the folder name proposed for the dossier's package,
// <单位>_<项目>_<yyyymmdd> (CONTRACT.md), safe as a file name. The date is the dossier's
// 申报日期 (the programme's default one when none is entered), not today.
func (s *Session) PackageName() string {
	applied, _ := s.AppliedDate()
	return fsafe.SafeName(s.EnterpriseName() + "_" + ProgrammeName(s.prog) + "_" + applied.Format("20060102"))
}
